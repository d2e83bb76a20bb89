import path from 'node:path';
import type { MigrationProblem } from '../migrate/migration.js';
import { colors as pc } from '../report/color-choice.js';
import { count, ofTotal } from '../report/count-noun.js';
import { Reporter, type ReporterName } from '../report/reporter.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import { EXIT } from './exit-codes.js';
import { projectOverrides, type ProjectFlags } from './project-flags.js';
import { reportFailure } from './report-failure.js';
import type { DatabaseInfo } from '../database/open-database.js';

interface Flags extends ProjectFlags {
  force?: boolean;
  reporter?: ReporterName;
  /** prepare: print only problems (no progress, no summary of a run that succeeded). */
  quiet?: boolean;
}

export async function runCommand(command: 'prepare' | 'generate' | 'check', argv: Flags): Promise<void> {
  const overrides = projectOverrides(argv);
  const reporter = new Reporter(argv.reporter, command, argv.root ?? '.');
  const counts: Record<string, number> = {};
  try {
    process.exitCode = await run(command, overrides, argv.force === true, reporter, counts, argv.quiet === true);
  } catch (err) {
    process.exitCode = reportFailure(reporter, err);
  }
  reporter.finish(Number(process.exitCode), counts);
}

async function run(command: 'prepare' | 'generate' | 'check', overrides: Flags, force: boolean, reporter: Reporter, counts: Record<string, number>, quiet = false): Promise<number> {
  const printProblems = (problems: readonly ReportedProblem[]) => reporter.report(problems);
  switch (command) {
    case 'prepare': {
      const { prepare } = await import('../prepare/prepare.js');
      const { progressText } = await import('../prepare/prepare-progress.js');
      const { statusLineFor } = await import('./status-line.js');
      const status = statusLineFor(process.stderr, process.env, quiet);
      const r = await prepare({ ...overrides, ...(force ? { force } : {}), ...(status.enabled ? { onProgress: (p) => status.show(progressText(p)) } : {}) }).finally(() => status.clear());
      reporter.setRoot(r.config.root);
      Object.assign(counts, { queries: r.queries, prepared: r.prepared, described: r.described, unchanged: r.unchanged });
      if (quiet) {
        // Only problems: the problems themselves and the one line that sums them up.
      } else if (r.database) console.error(describeDatabase(r.database, r.described));
      else if (r.described === 0 && r.queries > 0 && !r.problems.length) console.error('nothing to describe: the schema and every query are unchanged since the last prepare');
      if (!quiet && r.describedAllBecause && r.describedAllBecause !== '--force') console.error(`${r.describedAllBecause}: describing every query`);
      printProblems(r.problems);
      const changes = r.cacheWritten + r.cacheRemoved + r.modulesWritten.length + r.modulesRemoved.length + r.sourcesTyped.length;
      const typed = r.sourcesTyped.length ? `; query<…> types written in ${r.sourcesTyped.join(', ')}` : '';
      const errors = r.problems.length ? `, ${count(r.problems.length, 'error')}` : '';
      const summary = `prepared ${ofTotal(r.prepared, r.queries, 'query', 'queries')}${errors} in ${Math.round(r.elapsedMs)} ms: ${r.described} described, ${r.unchanged} unchanged` +
        (changes ? ` (${count(r.cacheWritten, 'cache entry', 'cache entries')} written, ${r.cacheRemoved} removed; ${count(r.modulesWritten.length, 'module')} written, ${r.modulesRemoved.length} removed${typed})` : ' (no changes)');
      if (r.problems.length) console.error(pc.red(summary));
      else if (!quiet) console.error(summary);
      return r.problems.length ? EXIT.failed : EXIT.ok;
    }
    case 'generate': {
      const { generate } = await import('../codegen/generate.js');
      const r = await generate(overrides);
      reporter.setRoot(r.config.root);
      printProblems(r.problems);
      if (r.problems.length) return EXIT.failed;
      console.error(`generated: ${count(r.modulesWritten.length, 'module')} written, ${r.modulesRemoved.length} removed${r.sourcesTyped.length ? `; query<…> types written in ${r.sourcesTyped.join(', ')}` : ''}`);
      return EXIT.ok;
    }
    case 'check': {
      const { check } = await import('../check/check.js');
      const r = await check(overrides);
      reporter.setRoot(r.config.root);
      Object.assign(counts, { queries: r.queries, modules: r.modules });
      printProblems(r.problems);
      // "lint": { "inCheck": true }: the migrations not yet in migrations.json are linted too, offline.
      let lintErrors = 0;
      if (r.config.lint.inCheck) {
        const [{ migrateLint }, { toProblem }] = await Promise.all([import('../lint/migrate-lint.js'), import('./run-lint.js')]);
        const lint = await migrateLint({ ...overrides, offline: true });
        printProblems(lint.findings.map(toProblem));
        lintErrors = lint.errors;
        Object.assign(counts, { lintFindings: lint.findings.length });
      }
      if (r.problems.length || lintErrors) {
        const lintPart = lintErrors ? `${r.problems.length ? ', ' : ''}${count(lintErrors, 'migration lint error')}` : '';
        console.error(pc.red(`check failed: ${r.problems.length ? count(r.problems.length, 'problem') : ''}${lintPart}`));
        return EXIT.failed;
      }
      console.error(`check passed: ${count(r.queries, 'query', 'queries')}, ${count(r.modules, 'module')} up to date`);
      return EXIT.ok;
    }
  }
}

interface MigrateFlags {
  root?: string;
  config?: string;
  migrations?: string;
  databaseUrl?: string;
  table?: string;
  checksum?: 'sqlx' | 'normalized';
  dryRun?: boolean;
  targetVersion?: string;
  allowOutOfOrder?: boolean;
  description?: string[] | string;
  reversible?: boolean;
  sequential?: boolean;
  timestamp?: boolean;
  migrationVersion?: string;
  markApplied?: boolean;
  markPending?: boolean;
  reporter?: ReporterName;
}

export type MigrateSubcommand = 'run' | 'info' | 'add' | 'revert' | 'repair';

export async function runMigrateCommand(command: MigrateSubcommand, argv: MigrateFlags): Promise<void> {
  const overrides = {
    ...(argv.root !== undefined ? { root: argv.root } : {}),
    ...(argv.config !== undefined ? { config: argv.config } : {}),
    ...(argv.migrations !== undefined ? { migrations: argv.migrations } : {}),
    ...(argv.databaseUrl !== undefined ? { databaseUrl: argv.databaseUrl } : {}),
    ...(argv.table !== undefined ? { migrationsTable: argv.table } : {}),
    ...(argv.checksum !== undefined ? { migrationsChecksum: argv.checksum } : {}),
  };
  const reporter = new Reporter(argv.reporter, `migrate ${command}`, argv.root ?? '.');
  const counts: Record<string, number> = {};
  try {
    process.exitCode = await runMigrate(command, argv, overrides, reporter, counts);
  } catch (err) {
    const problems = (err as { problems?: MigrationProblem[] }).problems;
    if ((err as Error)?.name === 'MigrationFolderError' && problems) {
      reporter.report(problems);
      console.error(pc.red('the migrations folder is not valid; nothing was done'));
      process.exitCode = EXIT.failed;
    } else {
      process.exitCode = reportFailure(reporter, err);
    }
  }
  reporter.finish(Number(process.exitCode), counts);
}

async function runMigrate(command: MigrateSubcommand, argv: MigrateFlags, overrides: Record<string, unknown>, reporter: Reporter, counts: Record<string, number>): Promise<number> {
  const m = await import('../migrate/migrate-commands.js');
  const { formatDuration } = await import('../migrate/format-duration.js');
  const { describeFailedStep } = await import('../migrate/run-migrations.js');
  const printAll = (problems: readonly MigrationProblem[]) => reporter.report(problems);
  const label = (s: { version: bigint; description?: string | undefined }) => (s.description ? `${s.version} (${s.description})` : String(s.version));
  const onLockWait = () => console.error('another migration run holds the lock on this database; waiting for it to finish…');
  const target = argv.targetVersion !== undefined ? { targetVersion: argv.targetVersion } : {};

  switch (command) {
    case 'run': {
      const r = await m.migrateRun({
        ...overrides,
        ...target,
        ...(argv.dryRun ? { dryRun: true } : {}),
        ...(argv.allowOutOfOrder ? { allowOutOfOrder: true } : {}),
        onLockWait,
        onApplied: (s) => console.error(`applied ${label(s)} in ${formatDuration(s.durationNs)}`),
      });
      printAll(r.problems);
      counts.applied = r.applied.length;
      for (const notice of r.notices) console.error(`${pc.cyan('note')}: ${notice}`);
      if (r.failed) {
        console.error(pc.red(describeFailedStep(r.failed, r.table)));
        if (r.applied.length) console.error(`${r.applied.length} migration${r.applied.length === 1 ? ' was' : 's were'} applied before it`);
        return EXIT.failed;
      }
      if (!r.ok) {
        console.error(pc.red(`migrate run refused: nothing was applied`));
        return EXIT.failed;
      }
      if (argv.dryRun) {
        for (const p of r.planned) console.error(`would apply ${label(p)}${p.noTransaction ? ' (outside a transaction)' : ''}`);
        console.error(`dry run: ${r.planned.length ? `${r.planned.length} migration${r.planned.length === 1 ? '' : 's'} would be applied` : 'nothing to apply'}; nothing was changed`);
        return EXIT.ok;
      }
      const total = r.applied.reduce((sum, s) => sum + s.durationNs, 0n);
      console.error(r.applied.length ? `applied ${r.applied.length} migration${r.applied.length === 1 ? '' : 's'} in ${formatDuration(total)}` : 'nothing to apply: the database is up to date');
      return EXIT.ok;
    }
    case 'info': {
      const { formatInfoTable } = await import('../migrate/format-info-table.js');
      // With --reporter json, stdout holds only the JSON document.
      (reporter.name === 'json' ? console.error : console.log)(formatInfoTable(await m.migrateInfo(overrides)));
      return EXIT.ok;
    }
    case 'add': {
      const description = Array.isArray(argv.description) ? argv.description.join(' ') : (argv.description ?? '');
      const added = await m.migrateAdd({
        ...overrides,
        description,
        ...(argv.reversible !== undefined ? { reversible: argv.reversible } : {}),
        ...(argv.sequential !== undefined ? { sequential: argv.sequential } : {}),
        ...(argv.timestamp !== undefined ? { timestamp: argv.timestamp } : {}),
      });
      for (const f of added.files) (reporter.name === 'json' ? console.error : console.log)(path.relative(process.cwd(), f) || f);
      return EXIT.ok;
    }
    case 'revert': {
      const r = await m.migrateRevert({
        ...overrides,
        ...target,
        onLockWait,
        onReverted: (s) => console.error(`reverted ${label(s)} in ${formatDuration(s.durationNs)}`),
      });
      printAll(r.problems);
      if (r.failed) {
        console.error(pc.red(describeFailedStep(r.failed, r.table, 'revert')));
        return EXIT.failed;
      }
      if (!r.ok) {
        console.error(pc.red('migrate revert refused: nothing was reverted'));
        return EXIT.failed;
      }
      if (!r.reverted.length) console.error('nothing to revert');
      return EXIT.ok;
    }
    case 'repair': {
      const mode = argv.markApplied ? 'mark-applied' : argv.markPending ? 'mark-pending' : 'checksum';
      const r = await m.migrateRepair({ ...overrides, version: argv.migrationVersion ?? '', mode });
      printAll(r.problems);
      if (!r.ok) return EXIT.failed;
      const old = r.oldChecksum?.toString('hex');
      const now = r.newChecksum?.toString('hex');
      switch (r.action) {
        case 'unchanged':
          console.error(`migration ${label(r)} already has its file's checksum; nothing to repair`);
          break;
        case 'checksum-updated':
          console.error(`repaired migration ${label(r)}: recorded the checksum of the edited file\n  old: ${old}\n  new: ${now}`);
          break;
        case 'marked-applied':
          console.error(`marked migration ${label(r)} as applied (it is no longer dirty)\n  old: ${old}\n  new: ${now}`);
          break;
        case 'marked-pending':
          console.error(`marked migration ${label(r)} as pending: its row is deleted, and the next \`migrate run\` applies it again`);
          break;
      }
      return EXIT.ok;
    }
  }
}

function describeDatabase(d: DatabaseInfo, described: number): string {
  if (d.kind === 'server') return described ? `describing against ${d.url}` : `schema of ${d.url} unchanged since the last prepare`;
  const rebuilt = d.rebuiltBecause ? ` (replaced ${d.rebuiltBecause})` : '';
  const migrations = (n: number, adjective = '') => `${n} ${adjective}migration${n === 1 ? '' : 's'}`;
  const saved = d.snapshotSaved ? ', snapshot saved' : '';
  const what =
    d.start === 'snapshot' && d.applied === 0 ? `started from the snapshot of ${migrations(d.migrations)}`
    : d.start === 'snapshot' ? `applied ${migrations(d.applied, 'new ')} on top of the snapshot of ${d.snapshotMigrations}${saved}`
    : d.start === 'base' ? `started from the base snapshot (no initdb) + ${migrations(d.migrations)} applied${saved}`
    : `initdb + ${migrations(d.migrations)} applied${saved}`;
  return `embedded PostgreSQL (PGlite): ${what}${rebuilt}`;
}
