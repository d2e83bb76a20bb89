/** `sqlsure verify --base <dir|rev>`: prints each break of the previous release, then a summary. */
import { colors as pc } from '../report/color-choice.js';
import { count, ofTotal } from '../report/count-noun.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import { terminalText } from '../report/terminal-text.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import { EXIT } from './exit-codes.js';
import { projectOverrides, type ProjectFlags } from './project-flags.js';
import { reportFailure } from './report-failure.js';

interface VerifyFlags extends ProjectFlags {
  base?: string;
  strict?: boolean;
  reporter?: ReporterName;
}

export async function runVerify(argv: VerifyFlags): Promise<void> {
  const reporter = new Reporter(argv.reporter, 'verify', argv.root ?? '.');
  const counts: Record<string, number> = {};
  try {
    const { verify } = await import('../verify/verify.js');
    const r = await verify({
      base: argv.base ?? '',
      ...projectOverrides(argv),
      ...(argv.strict ? { strict: true } : {}),
    });
    reporter.setRoot(r.config.root);
    Object.assign(counts, { queries: r.queries, broken: r.problems.length, acknowledged: r.acknowledged.length, newMigrations: r.newMigrations.length });
    reporter.report(r.problems);
    // Acknowledged breaks are notes on stderr, whatever the reporter: they do not fail the run.
    for (const p of r.acknowledged) console.error(formatNote(p));
    const against = r.database?.kind === 'server' ? r.database.url : 'the current migrations (embedded PostgreSQL)';
    const fresh = r.migrationsKnown ? count(r.newMigrations.length, 'new migration') : 'the base does not say which migrations it knew';
    const acknowledged = r.acknowledged.length ? `, ${r.acknowledged.length} acknowledged (marked breaking)` : '';
    if (r.problems.length) {
      console.error(pc.red(`verify failed: ${ofTotal(r.problems.length, r.queries, 'query', 'queries')} of ${r.base} ${r.problems.length === 1 ? 'breaks' : 'break'} against ${against} (${fresh})${acknowledged}`));
      process.exitCode = EXIT.failed;
    } else {
      console.error(`verify passed: ${r.queries === 1 ? 'the 1 query' : `the ${r.queries} queries`} of ${r.base} still ${r.queries === 1 ? 'works' : 'work'} against ${against} (${fresh})${acknowledged}`);
      process.exitCode = EXIT.ok;
    }
  } catch (err) {
    process.exitCode = reportFailure(reporter, err);
  }
  reporter.finish(Number(process.exitCode), counts);
}

/** `queries/users.sql:12:1: note: …` plus the hint: like a problem, but not an error. */
function formatNote(p: ReportedProblem): string {
  const where = p.file ? `${terminalText(p.file, false)}:${p.position?.line ?? 1}:${p.position?.column ?? 1}: ` : '';
  const head = `${pc.bold(where)}${pc.cyan('note')}: ${terminalText(p.message)}`;
  return p.hint ? `${head}\n  ${pc.cyan('hint')}: ${terminalText(p.hint)}` : head;
}
