/**
 * quick-args.ts reads the daily command lines without yargs. Whatever it accepts it must read
 * exactly as yargs does (same flags, same values, same defaults, same command); whatever it is
 * not sure of it must leave to yargs.
 */
import { describe, expect, it } from 'vitest';
import { runFullCli } from '../../src/cli/full-cli.js';
import { PROJECT_COMMAND_FLAGS, type ProjectCommand } from '../../src/cli/project-command-flags.js';
import { quickArgs, type ParsedFlags } from '../../src/cli/quick-args.js';

const camelCase = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** What yargs hands the command: its flags under their camelCase names, nothing yargs adds of its own. */
async function yargsReads(args: string[]): Promise<{ command: ProjectCommand; flags: ParsedFlags }> {
  let seen: { command: ProjectCommand; flags: ParsedFlags } | undefined;
  await runFullCli(args, async (command, argv) => {
    const flags: ParsedFlags = {};
    for (const name of Object.keys(PROJECT_COMMAND_FLAGS[command])) {
      const value = argv[camelCase(name)];
      if (value !== undefined) flags[camelCase(name)] = value;
    }
    seen = { command, flags };
  });
  if (!seen) throw new Error(`yargs ran no project command for ${args.join(' ')}`);
  return seen;
}

const READ_ALIKE: string[][] = [
  ['check'],
  ['generate'],
  ['prepare'],
  ['prepare', '--force'],
  ['prepare', '--force', '-q'],
  ['prepare', '--quiet', '--watch'],
  ['prepare', '-qw'],
  ['prepare', '-w'],
  ['prepare', '--check', '--database-url', 'postgres://u@h/db'],
  ['prepare', '--database-url=postgres://u@h/db?sslmode=require'],
  ['check', '--root', 'app', '--config', 'app/sqlsure.json', '--reporter', 'github'],
  ['check', '--reporter=json'],
  ['check', '--queries', 'sql', '--migrations', 'db/migrations', '--generated', 'src/gen', '--cache', '.cache'],
  ['check', '--root', ''],
  ['check', '--root', '0'],
  ['check', '--root', 'a b', '--queries', 'q=1'],
  ['generate', '--sources', 'src/**/*.ts'],
  ['generate', '--sources', 'src/**/*.ts', '--sources', 'lib/*.ts'],
  ['generate', '--sources=123'],
  ['prepare', '--reporter', 'plain', '--root', '.', '--force'],
];

const LEFT_TO_YARGS: string[][] = [
  [],
  ['--help'],
  ['-h'],
  ['--version', 'check'],
  ['check', '--help'],
  ['check', '-h'],
  ['prepare', '--version'],
  ['prepare', '--no-force'],
  ['prepare', '--force=false'],
  ['prepare', '--force', 'true'],
  ['prepare', '--databaseUrl', 'x'],
  ['check', '--root', 'a', '--root', 'b'],
  ['check', '--root'],
  ['check', '--root', '--queries'],
  ['check', '--root', '-x'],
  ['check', '--reporter', 'nope'],
  ['check', '--reporter', 'JSON'],
  ['check', 'extra'],
  ['check', '--', 'x'],
  ['check', '--'],
  ['check', '--nope'],
  ['check', '--force'],
  ['generate', '--sources', 'a', 'b'],
  ['prepare', '--check', '--watch'],
  ['prepare', '-cw'],
  ['migrate', 'run'],
  ['init'],
  ['verify', '--base', 'x'],
  ['Check'],
];

describe('quick-args', () => {
  it('reads `--version` alone, and nothing else that mentions it', () => {
    expect(quickArgs(['--version'])).toEqual({ kind: 'version' });
    expect(quickArgs(['--version', '--version'])).toBeUndefined();
  });

  it.each(READ_ALIKE.map((args) => [args.join(' ') || '(none)', args] as const))('reads %s exactly as yargs does', async (_, args) => {
    const quick = quickArgs(args);
    expect(quick, 'quick-args left it to yargs').toBeDefined();
    const { command, flags } = await yargsReads([...args]);
    expect(quick).toEqual({ kind: 'project', command, flags });
  });

  it.each(LEFT_TO_YARGS.map((args) => [args.join(' ') || '(none)', args] as const))('leaves %s to yargs', (_, args) => {
    expect(quickArgs(args)).toBeUndefined();
  });
});
