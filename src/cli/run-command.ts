import pc from 'picocolors';
import { formatProblem } from '../report/format-problem.js';
import type { SourceProblem } from '../source/query-source.js';
import { EXIT } from './exit-codes.js';

interface Flags {
  root?: string;
  config?: string;
  queries?: string;
  migrations?: string;
  generated?: string;
  cache?: string;
  databaseUrl?: string;
}

export async function runCommand(command: 'prepare' | 'generate' | 'check', argv: Flags): Promise<void> {
  const overrides = {
    ...(argv.root !== undefined ? { root: argv.root } : {}),
    ...(argv.config !== undefined ? { config: argv.config } : {}),
    ...(argv.queries !== undefined ? { queries: argv.queries } : {}),
    ...(argv.migrations !== undefined ? { migrations: argv.migrations } : {}),
    ...(argv.generated !== undefined ? { generated: argv.generated } : {}),
    ...(argv.cache !== undefined ? { cache: argv.cache } : {}),
    ...(argv.databaseUrl !== undefined ? { databaseUrl: argv.databaseUrl } : {}),
  };
  try {
    process.exitCode = await run(command, overrides);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    const e = err as Error;
    console.error(`${pc.red('error')}: ${e.message}`);
    if (process.env.SQLSURE_DEBUG && e.stack) console.error(e.stack);
  }
}

async function run(command: 'prepare' | 'generate' | 'check', overrides: Flags): Promise<number> {
  switch (command) {
    case 'prepare': {
      const { prepare } = await import('../prepare/prepare.js');
      const r = await prepare(overrides);
      printProblems(r.problems);
      const changes = r.cacheWritten + r.cacheRemoved + r.modulesWritten.length + r.modulesRemoved.length;
      const errors = r.problems.length ? `, ${r.problems.length} error${r.problems.length === 1 ? '' : 's'}` : '';
      const summary = `prepared ${r.prepared} of ${r.queries} queries${errors} in ${Math.round(r.elapsedMs)} ms` +
        (changes ? ` (${r.cacheWritten} cache entries written, ${r.cacheRemoved} removed; ${r.modulesWritten.length} modules written, ${r.modulesRemoved.length} removed)` : ' (no changes)');
      console.error(r.problems.length ? pc.red(summary) : summary);
      return r.problems.length ? EXIT.failed : EXIT.ok;
    }
    case 'generate': {
      const { generate } = await import('../codegen/generate.js');
      const r = await generate(overrides);
      printProblems(r.problems);
      if (r.problems.length) return EXIT.failed;
      console.error(`generated: ${r.modulesWritten.length} modules written, ${r.modulesRemoved.length} removed`);
      return EXIT.ok;
    }
    case 'check': {
      const { check } = await import('../check/check.js');
      const r = await check(overrides);
      printProblems(r.problems);
      if (r.problems.length) {
        console.error(pc.red(`check failed: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`));
        return EXIT.failed;
      }
      console.error(`check passed: ${r.queries} queries, ${r.modules} modules up to date`);
      return EXIT.ok;
    }
  }
}

function printProblems(problems: readonly SourceProblem[]): void {
  for (const p of problems) console.error(formatProblem(p));
}

function exitCodeFor(err: unknown): number {
  const name = (err as Error)?.name;
  if (name === 'ConfigError') return EXIT.usage;
  if (name === 'DatabaseUnreachableError') return EXIT.unreachable;
  return EXIT.failed;
}
