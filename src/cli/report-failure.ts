/** A command that threw: what it prints and the exit code it means, the same for every command. */
import type { MigrationProblem } from '../migrate/migration.js';
import { colors as pc } from '../report/color-choice.js';
import type { Reporter } from '../report/reporter.js';
import { EXIT } from './exit-codes.js';

/** Usage and configuration mistakes are 2, an unreachable database 3, anything else 1. */
export function exitCodeFor(err: unknown): number {
  const name = (err as Error | undefined)?.name;
  if (name === 'ConfigError' || name === 'MigrationOptionError' || name === 'UnsupportedExtensionError') return EXIT.usage;
  if (name === 'DatabaseUnreachableError') return EXIT.unreachable;
  return EXIT.failed;
}

/**
 * Prints the error through the reporter (a broken migrations folder as its positioned problems,
 * anything else as one line) and returns its exit code. SQLSURE_DEBUG adds the stack.
 */
export function reportFailure(reporter: Reporter, err: unknown): number {
  const e = err as Error & { problems?: MigrationProblem[] };
  if (e?.name === 'MigrationFolderError' && e.problems) reporter.report(e.problems);
  else if (reporter.name === 'plain' || reporter.name === 'pretty') console.error(`${pc.red('error')}: ${e?.message ?? String(err)}`);
  else reporter.report([{ message: e?.message ?? String(err) }]);
  if (process.env.SQLSURE_DEBUG && e?.stack) console.error(e.stack);
  return exitCodeFor(err);
}
