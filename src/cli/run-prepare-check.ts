/** `sqlsure prepare --check`: the online drift check; writes nothing, exit 1 listing each difference. */
import { colors as pc } from '../report/color-choice.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import { EXIT } from './exit-codes.js';

interface Flags {
  root?: string;
  config?: string;
  queries?: string;
  migrations?: string;
  generated?: string;
  cache?: string;
  databaseUrl?: string;
  reporter?: ReporterName;
}

export async function runPrepareCheck(argv: Flags): Promise<void> {
  const overrides = Object.fromEntries(
    (['root', 'config', 'queries', 'migrations', 'generated', 'cache', 'databaseUrl'] as const).filter((k) => argv[k] !== undefined).map((k) => [k, argv[k]]),
  );
  const reporter = new Reporter(argv.reporter, 'prepare', argv.root ?? '.');
  const counts: Record<string, number> = {};
  try {
    const { prepareCheck } = await import('../prepare/prepare-check.js');
    const r = await prepareCheck(overrides);
    reporter.setRoot(r.root);
    counts.queries = r.queries;
    reporter.report(r.problems);
    if (r.problems.length) {
      console.error(pc.red(`prepare --check failed: ${r.problems.length} difference${r.problems.length === 1 ? '' : 's'} from the committed cache and modules (nothing was written)`));
      process.exitCode = EXIT.failed;
    } else {
      console.error(`prepare --check passed: ${r.queries} quer${r.queries === 1 ? 'y matches' : 'ies match'} the committed cache and modules`);
      process.exitCode = EXIT.ok;
    }
  } catch (err) {
    const name = (err as Error).name;
    console.error(`${pc.red('error')}: ${(err as Error).message}`);
    process.exitCode = name === 'ConfigError' ? EXIT.usage : name === 'DatabaseUnreachableError' ? EXIT.unreachable : EXIT.failed;
  }
  reporter.finish(Number(process.exitCode), counts);
}
