/** Each subcommand's --help lists the flags that command uses, and no other command's. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/project-dir.js';

async function flagsOf(args: string[]): Promise<{ flags: string[]; text: string }> {
  const run = await runCli([...args, '--help']);
  expect(run.code, run.stderr).toBe(0);
  const options = run.stdout.split(/^Options:$/m)[1] ?? '';
  const flags = [...options.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]!);
  return { flags: flags.sort(), text: run.stdout };
}

const common = ['help', 'version', 'root', 'config', 'reporter'];
const migrateConnection = [...common, 'migrations', 'database-url', 'table', 'checksum'];
const sorted = (xs: string[]) => [...xs].sort();

describe('--help of each subcommand', () => {
  it('migrate add: no database flags; the description shows no default', async () => {
    const { flags, text } = await flagsOf(['migrate', 'add']);
    expect(flags).toEqual(sorted([...common, 'migrations', 'reversible', 'sequential', 'timestamp']));
    expect(text).toMatch(/^\s+description\s+What the migration does[^[]*\[array\] \[required\]$/m);
    expect(text).not.toMatch(/default: \[\]/);
  });

  it.each([
    [['migrate', 'run'], [...migrateConnection, 'dry-run', 'target-version', 'allow-out-of-order']],
    [['migrate', 'info'], migrateConnection],
    [['migrate', 'revert'], [...migrateConnection, 'target-version']],
    [['migrate', 'repair'], [...migrateConnection, 'mark-applied', 'mark-pending']],
    [['init'], ['help', 'version', 'root']],
    [['database', 'create'], ['help', 'version', 'root', 'config', 'database-url']],
    [['database', 'drop'], ['help', 'version', 'root', 'config', 'database-url', 'yes', 'force']],
    [['database', 'reset'], [...migrateConnection, 'yes', 'force']],
  ])('%j', async (args, expected) => {
    expect((await flagsOf(args)).flags).toEqual(sorted(expected));
  });

  it.each([['prepare'], ['generate'], ['check']])('%s: the project paths, no migrate flags', async (command) => {
    const { flags } = await flagsOf([command]);
    for (const f of ['root', 'config', 'queries', 'migrations', 'generated', 'cache', 'reporter']) expect(flags).toContain(f);
    for (const f of ['table', 'checksum', 'dry-run', 'target-version']) expect(flags).not.toContain(f);
    if (command !== 'prepare') expect(flags).not.toContain('database-url');
  });
});
