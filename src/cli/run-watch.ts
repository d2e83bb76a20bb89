/**
 * `sqlsure prepare --watch`: prints one line per cycle (what changed, what it did, how long it
 * took) and each cycle's problems; stops cleanly on SIGINT/SIGTERM with exit code 0.
 */
import path from 'node:path';
import { colors as pc } from '../report/color-choice.js';
import { count } from '../report/count-noun.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import type { CycleReport } from '../watch/watch-prepare.js';
import type { DatabaseStep } from '../watch/watched-database.js';
import { EXIT } from './exit-codes.js';
import { projectOverrides, type ProjectFlags } from './project-flags.js';
import { exitCodeFor } from './report-failure.js';
import { statusLineFor } from './status-line.js';

interface WatchFlags extends ProjectFlags {
  reporter?: ReporterName;
  quiet?: boolean;
}

export async function runWatch(argv: WatchFlags): Promise<void> {
  const overrides = projectOverrides(argv);
  const root = argv.root ?? '.';
  // With --reporter json, stdout holds one JSON document per cycle and nothing else.
  const print = argv.reporter === 'json' ? console.error : console.log;
  const quiet = argv.quiet === true;
  const status = statusLineFor(process.stderr, process.env, quiet);
  const { progressText } = await import('../prepare/prepare-progress.js');
  const { watchPrepare } = await import('../watch/watch-prepare.js');

  let stopping: Promise<void> | undefined;
  let starting: Promise<{ stop(): Promise<void> }> | undefined;
  const stop = (): void => {
    stopping ??= (async () => {
      status.clear();
      // During the first cycle: let it finish (and its snapshot be written whole), then close.
      await (await starting)?.stop();
      print('stopped watching');
      process.exit(0);
    })();
  };
  // Installed before the first cycle: a signal during start-up still closes the database.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  starting = watchPrepare(overrides, {
    ...(status.enabled ? { onProgress: (p) => status.show(progressText(p)) } : {}),
    onCycle: (report) => {
      status.clear();
      // A reporter per cycle: code frames quote the files as they are now, json prints a document.
      const reporter = new Reporter(argv.reporter, 'prepare', report.result?.config.root ?? root);
      const problems: readonly ReportedProblem[] = report.result?.problems ?? (report.error ? problemsOf(report.error) : []);
      reporter.report(problems);
      const failed = problems.length > 0;
      const r = report.result;
      reporter.finish(exitCodeOf(report.error, failed), r ? { queries: r.queries, prepared: r.prepared, described: r.described, unchanged: r.unchanged } : {});
      if (failed || !quiet) print((failed ? pc.red : (s: string) => s)(cycleLine(report)));
    },
    onReady: (watched) => print(`watching ${watched.join(', ')} for changes (Ctrl-C to stop)`),
  });
  await starting;
  if (stopping) await stopping;
}

/** The code `prepare` would have exited with after this cycle (what a json document reports). */
function exitCodeOf(error: unknown, failed: boolean): number {
  if (error) return exitCodeFor(error);
  return failed ? EXIT.failed : EXIT.ok;
}

/** A thrown error as problems: migration problems keep their file:line:col, anything else is one line. */
function problemsOf(error: unknown): ReportedProblem[] {
  const problems = (error as { problems?: ReportedProblem[] }).problems;
  if (Array.isArray(problems) && problems.length) return problems;
  return [{ message: (error as Error)?.message ?? String(error) }];
}

/** "users.sql changed → 1 query described, 1 module written in 84 ms". */
export function cycleLine(r: CycleReport): string {
  const what =
    r.changed.length === 0 ? 'prepare'
    : r.changed.length === 1 ? `${path.basename(r.changed[0]!)} changed`
    : `${r.changed.length} files changed (${r.changed.slice(0, 3).map((f) => path.basename(f)).join(', ')}${r.changed.length > 3 ? ', …' : ''})`;
  const parts: string[] = [];
  const step = r.step && stepText(r.step);
  if (step) parts.push(step);
  const ms = `${Math.round(r.elapsedMs)} ms`;
  if (r.error || !r.result) {
    parts.push('failed');
    return `${what} → ${parts.join(', ')} in ${ms}; still watching`;
  }
  const x = r.result;
  parts.push(`${count(x.described, 'query', 'queries')} described`);
  parts.push(`${count(x.modulesWritten.length, 'module')} written`);
  if (x.modulesRemoved.length) parts.push(`${count(x.modulesRemoved.length, 'module')} removed`);
  if (x.sourcesTyped.length) parts.push(`query<…> types written in ${x.sourcesTyped.map((f) => path.basename(f)).join(', ')}`);
  if (x.problems.length) parts.push(pc.red(count(x.problems.length, 'error')));
  return `${what} → ${parts.join(', ')} in ${ms}`;
}

function stepText(step: DatabaseStep): string | undefined {
  switch (step.kind) {
    case 'kept':
      return undefined;
    case 'opened':
      return step.embedded ? `embedded database started ${step.started ?? ''}`.trim() : 'connected';
    case 'applied':
      return `${step.migrations.length === 1 ? 'migration' : 'migrations'} ${step.migrations.join(', ')} applied`;
    case 'rebuilt':
      return `embedded database rebuilt (${step.because})`;
  }
}
