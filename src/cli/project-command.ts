/** Runs prepare (or its --check and --watch forms), generate or check with flags as yargs hands them over. */
import type { ProjectCommand } from './project-command-flags.js';
import type { ParsedFlags } from './quick-args.js';

type Flags = ParsedFlags & Parameters<typeof import('./run-command.js').runCommand>[1];

export async function runProjectCommand(command: ProjectCommand, argv: ParsedFlags): Promise<void> {
  const flags = argv as Flags;
  if (command === 'prepare' && flags.check) return import('./run-prepare-check.js').then((m) => m.runPrepareCheck(flags));
  if (command === 'prepare' && flags.watch) return import('./run-watch.js').then((m) => m.runWatch(flags));
  return import('./run-command.js').then((m) => m.runCommand(command, flags));
}
