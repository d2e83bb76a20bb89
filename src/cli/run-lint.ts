/** `sqlsure migrate lint`: each finding as a problem (code = rule name), then a summary line. */
import type { LintFinding } from '../lint/lint-finding.js';
import type { MigrationProblem } from '../migrate/migration.js';
import { colors as pc } from '../report/color-choice.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import { EXIT } from './exit-codes.js';

interface LintFlags {
  root?: string;
  config?: string;
  migrations?: string;
  cache?: string;
  databaseUrl?: string;
  base?: string;
  all?: boolean;
  reporter?: ReporterName;
}

export async function runLint(argv: LintFlags): Promise<void> {
  const reporter = new Reporter(argv.reporter, 'migrate lint', argv.root ?? '.');
  const counts: Record<string, number> = {};
  try {
    const { migrateLint } = await import('../lint/migrate-lint.js');
    const r = await migrateLint({
      ...(argv.root !== undefined ? { root: argv.root } : {}),
      ...(argv.config !== undefined ? { config: argv.config } : {}),
      ...(argv.migrations !== undefined ? { migrations: argv.migrations } : {}),
      ...(argv.cache !== undefined ? { cache: argv.cache } : {}),
      ...(argv.databaseUrl !== undefined ? { databaseUrl: argv.databaseUrl } : {}),
      ...(argv.base !== undefined ? { base: argv.base } : {}),
      ...(argv.all ? { all: true } : {}),
    });
    reporter.setRoot(r.config.root);
    Object.assign(counts, { migrations: r.linted.length, findings: r.findings.length, ignored: r.ignored });
    reporter.report(r.findings.map(toProblem));
    const which = `${r.linted.length} of ${r.total} migrations: ${r.selection}`;
    const ignored = r.ignored ? `, ${r.ignored} ignored by comment` : '';
    if (r.errors) {
      console.error(pc.red(`migrate lint failed: ${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'} in ${which}${ignored}`));
      process.exitCode = EXIT.failed;
    } else {
      console.error(`migrate lint passed: ${r.warnings} warning${r.warnings === 1 ? '' : 's'} in ${which}${ignored}`);
      process.exitCode = EXIT.ok;
    }
  } catch (err) {
    const e = err as Error & { problems?: MigrationProblem[] };
    if (e?.name === 'MigrationFolderError' && e.problems) reporter.report(e.problems);
    else if (reporter.name === 'plain' || reporter.name === 'pretty') console.error(`${pc.red('error')}: ${e.message}`);
    else reporter.report([{ message: e.message }]);
    if (process.env.SQLSURE_DEBUG && e.stack) console.error(e.stack);
    process.exitCode = e?.name === 'ConfigError' ? EXIT.usage : e?.name === 'DatabaseUnreachableError' ? EXIT.unreachable : EXIT.failed;
  }
  reporter.finish(Number(process.exitCode), counts);
}

export function toProblem(f: LintFinding): ReportedProblem {
  return { file: f.file, position: f.position, message: f.message, hint: f.hint, code: f.rule, severity: f.severity === 'warn' ? 'warning' : 'error' };
}
