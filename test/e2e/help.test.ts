/**
 * Each subcommand's --help lists the flags that command uses, and no other command's, under
 * "Options:"; the global -h/--help follows alone under "Global options:", and --version (about
 * sqlsure, not the command) is left to `sqlsure --help`.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/project-dir.js';

const section = (text: string, title: string): string => {
  const start = text.search(new RegExp(`^${title}:$`, 'm'));
  if (start < 0) return '';
  const rest = text.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => /^\S.*:$/.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
};
const flagNames = (options: string): string[] => [...options.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]!).sort();

async function flagsOf(args: string[]): Promise<{ flags: string[]; text: string }> {
  const run = await runCli([...args, '--help']);
  expect(run.code, run.stderr).toBe(0);
  // Nothing but the command's own flags under Options; help alone, and last, under Global options.
  expect(flagNames(section(run.stdout, 'Global options')), args.join(' ')).toEqual(['help']);
  expect(run.stdout.trimEnd()).toMatch(/Global options:\n {2}-h, --help +Show help +\[boolean\]$/);
  expect(run.stdout).not.toContain('--version');
  return { flags: flagNames(section(run.stdout, 'Options')), text: run.stdout };
}

const common = ['root', 'config', 'reporter'];
const migrateConnection = [...common, 'migrations', 'database-url', 'table', 'checksum'];
const projectPaths = [...common, 'queries', 'sources', 'migrations', 'generated', 'cache'];
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
    [['migrate', 'lint'], [...common, 'migrations', 'cache', 'all', 'base', 'database-url']],
    [['init'], ['root']],
    [['database', 'create'], ['root', 'config', 'database-url']],
    [['database', 'drop'], ['root', 'config', 'database-url', 'yes', 'force']],
    [['database', 'reset'], [...migrateConnection, 'yes', 'force']],
    [['prepare'], [...projectPaths, 'database-url', 'force', 'quiet', 'watch', 'check']],
    [['generate'], projectPaths],
    [['check'], projectPaths],
    // verify reads the base's cache and describes it against the current migrations: no query
    // files, sources or generated modules of its own.
    [['verify'], [...common, 'migrations', 'cache', 'base', 'database-url', 'strict']],
    [['migrate'], []],
    [['database'], []],
  ])('%j', async (args, expected) => {
    expect((await flagsOf(args)).flags).toEqual(sorted(expected));
  });

  it('sqlsure --help still lists --version, and --version still works after a command', async () => {
    const top = await runCli(['--help']);
    expect(flagNames(section(top.stdout, 'Options'))).toEqual(['help', 'version']);
    const version = await runCli(['check', '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

});
