/** `sqlsure migrate lint`: each finding as a problem (code = rule name), then a summary line. */
import type { LintFinding } from '../lint/lint-finding.js';
import { colors as pc } from '../report/color-choice.js';
import { count, ofTotal } from '../report/count-noun.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import { EXIT } from './exit-codes.js';
import { projectOverrides, type ProjectFlags } from './project-flags.js';
import { reportFailure } from './report-failure.js';

interface LintFlags extends ProjectFlags {
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
      ...projectOverrides(argv),
      ...(argv.base !== undefined ? { base: argv.base } : {}),
      ...(argv.all ? { all: true } : {}),
    });
    reporter.setRoot(r.config.root);
    Object.assign(counts, { migrations: r.linted.length, findings: r.findings.length, ignored: r.ignored });
    reporter.report(r.findings.map(toProblem));
    const which = `${ofTotal(r.linted.length, r.total, 'migration')}: ${r.selection}`;
    const ignored = r.ignored ? `, ${r.ignored} ignored by comment` : '';
    if (r.errors) {
      console.error(pc.red(`migrate lint failed: ${count(r.errors, 'error')}, ${count(r.warnings, 'warning')} in ${which}${ignored}`));
      process.exitCode = EXIT.failed;
    } else {
      console.error(`migrate lint passed: ${count(r.warnings, 'warning')} in ${which}${ignored}`);
      process.exitCode = EXIT.ok;
    }
  } catch (err) {
    process.exitCode = reportFailure(reporter, err);
  }
  reporter.finish(Number(process.exitCode), counts);
}

export function toProblem(f: LintFinding): ReportedProblem {
  return { file: f.file, position: f.position, message: f.message, hint: f.hint, code: f.rule, severity: f.severity === 'warn' ? 'warning' : 'error' };
}
