/**
 * `sqlsure check`: proves, with no database and no driver loaded, that the offline cache and the
 * generated modules are exactly what `prepare` would produce from the current sources.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { embeddedMigrations, manifestProblems, withMigrationsModule } from '../codegen/embedded-migrations.js';
import { generateModules } from '../codegen/generate-modules.js';
import { listGeneratedFiles } from '../codegen/write-modules.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { SourceProblem } from '../source/query-source.js';
import { sortProblems } from '../report/sort-problems.js';
import { loadOfflineState } from './offline-state.js';

const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';

export interface CheckResult {
  config: ResolvedConfig;
  queries: number;
  modules: number;
  problems: SourceProblem[];
}

export async function check(options: ConfigOverrides = {}): Promise<CheckResult> {
  const config = await resolveConfig(options);
  const state = await loadOfflineState(config);
  const problems = [...state.problems];
  const empty = { enums: {}, domains: {}, composites: {} };
  const { modules, problems: codegenProblems } = generateModules(state.entries, state.schema ?? empty, config);
  problems.push(...codegenProblems);
  // generated/_migrations.ts, rebuilt from the migration files and the cache's manifest (no parser).
  const embedded = await embeddedMigrations(config, { split: false });
  problems.push(...withMigrationsModule(modules, embedded), ...manifestProblems(config.root, embedded));

  for (const [file, expected] of modules) {
    const actual = await readFile(path.join(config.root, file), 'utf8').catch(() => undefined);
    if (actual === undefined) {
      problems.push({ file, position: { line: 1, column: 1 }, message: 'generated module is missing', hint: RUN_PREPARE });
    } else if (actual !== expected) {
      problems.push({ file, position: firstDifference(actual, expected), message: 'generated module differs from what the offline cache produces (edited by hand, or stale)', hint: RUN_PREPARE });
    }
  }
  for (const file of listGeneratedFiles(config)) {
    if (!modules.has(file)) {
      problems.push({ file, position: { line: 1, column: 1 }, message: 'generated module has no query file any more', hint: RUN_PREPARE });
    }
  }
  return { config, queries: state.queryCount, modules: modules.size, problems: sortProblems(problems) };
}

function firstDifference(actual: string, expected: string): { line: number; column: number } {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      const x = a[i] ?? '';
      const y = e[i] ?? '';
      let c = 0;
      while (c < x.length && x[c] === y[c]) c++;
      return { line: i + 1, column: c + 1 };
    }
  }
  return { line: 1, column: 1 };
}
