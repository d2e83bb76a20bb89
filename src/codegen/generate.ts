/** `sqlsure generate`: rewrites the generated modules from the offline cache alone. */
import { loadOfflineState } from '../check/offline-state.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { SourceProblem } from '../source/query-source.js';
import { sortProblems } from '../report/sort-problems.js';
import { embeddedMigrations, withMigrationsModule } from './embedded-migrations.js';
import { generateModules } from './generate-modules.js';
import { writeModules } from './write-modules.js';

export interface GenerateResult {
  config: ResolvedConfig;
  problems: SourceProblem[];
  modulesWritten: string[];
  modulesRemoved: string[];
}

export async function generate(options: ConfigOverrides = {}): Promise<GenerateResult> {
  const config = await resolveConfig(options);
  const state = await loadOfflineState(config);
  // Generated code from a stale or incomplete cache would be wrong in ways tsc cannot see.
  if (state.problems.length > 0 || !state.schema) {
    return { config, problems: sortProblems(state.problems), modulesWritten: [], modulesRemoved: [] };
  }
  const { modules, problems } = generateModules(state.entries, state.schema, config);
  problems.push(...withMigrationsModule(modules, await embeddedMigrations(config, { split: false })));
  if (problems.length > 0) {
    return { config, problems: sortProblems(problems), modulesWritten: [], modulesRemoved: [] };
  }
  const { written, removed } = await writeModules(config, modules);
  return { config, problems: [], modulesWritten: written, modulesRemoved: removed };
}
