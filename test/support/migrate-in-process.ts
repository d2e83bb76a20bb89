/**
 * `sqlsure migrate …` run in the test's own process: the CLI's command function (what main.ts
 * calls after yargs) with the same flags and working directory, its stdout/stderr captured and its exit code read
 * back. Saves a Node start per call; the spawned CLI keeps one test per exit code
 * (test/migrate/migrate-cli.test.ts), which also covers the flag parsing done here by hand.
 */
import { format, stripVTControlCharacters } from 'node:util';
import { vi } from 'vitest';
import { runMigrateCommand, type MigrateSubcommand } from '../../src/cli/run-command.js';
import type { CliRun } from './project-dir.js';

const VALUE_FLAGS = new Set(['root', 'config', 'migrations', 'database-url', 'table', 'checksum', 'target-version']);
const BOOLEAN_FLAGS = new Set(['dry-run', 'allow-out-of-order', 'mark-applied', 'mark-pending', 'reversible', 'sequential', 'timestamp']);
const SUBCOMMANDS = new Set<MigrateSubcommand>(['run', 'info', 'add', 'revert', 'repair']);

/**
 * Runs `migrate <args>` in `cwd` as the CLI would (root `.`, so every path it prints is what the
 * CLI prints); refuses flags the CLI does not have (a typo in a test).
 */
export async function migrateInProcess(args: string[], cwd: string): Promise<CliRun> {
  const [command, ...rest] = args;
  if (!SUBCOMMANDS.has(command as MigrateSubcommand)) throw new Error(`not a migrate subcommand: ${command}`);
  const flags: Record<string, unknown> = { root: '.' };
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (BOOLEAN_FLAGS.has(name)) flags[key] = true;
    else if (VALUE_FLAGS.has(name) && i + 1 < rest.length) flags[key] = rest[++i];
    else throw new Error(`migrateInProcess: unknown flag or missing value: ${arg}`);
  }
  if (command === 'repair') flags.migrationVersion = positionals.shift();
  if (command === 'add') flags.description = positionals.splice(0);
  if (positionals.length) throw new Error(`migrateInProcess: unexpected arguments ${positionals.join(' ')}`);

  let stdout = '';
  let stderr = '';
  // Whatever the command writes through, console or the streams (vitest routes console elsewhere).
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (stdout += format(...a) + '\n')),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (stderr += format(...a) + '\n')),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)),
  ];
  const outer = { exitCode: process.exitCode, cwd: process.cwd() };
  process.exitCode = undefined;
  process.chdir(cwd);
  try {
    await runMigrateCommand(command as MigrateSubcommand, flags);
    return { code: Number(process.exitCode ?? 0), stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) };
  } finally {
    process.chdir(outer.cwd);
    process.exitCode = outer.exitCode;
    for (const spy of spies) spy.mockRestore();
  }
}
