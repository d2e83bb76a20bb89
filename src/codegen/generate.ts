/** `sqlsure generate`: rewrites the generated modules from the offline cache alone. */
import { loadOfflineState } from '../check/offline-state.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { SourceProblem } from '../source/query-source.js';
import { sortProblems } from '../report/sort-problems.js';
import { embeddedMigrations, withMigrationsModule } from './embedded-migrations.js';
import { generateModules } from './generate-modules.js';
import { writeModules } from './write-modules.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ownTypesModules } from '../source/typescript/own-types-modules.js';
import { writeInlineTypes } from '../source/typescript/write-inline-types.js';
import { codegenOptions } from './codegen-options.js';
import { nativeTypesByFile } from './native-type-argument.js';

export interface GenerateResult {
  config: ResolvedConfig;
  problems: SourceProblem[];
  modulesWritten: string[];
  modulesRemoved: string[];
  /** TypeScript sources whose native `query<…>` type arguments (or types-module import) were written. */
  sourcesTyped: string[];
}

export async function generate(options: ConfigOverrides = {}): Promise<GenerateResult> {
  const config = await resolveConfig(options);
  const state = await loadOfflineState(config);
  // Generated code from a stale or incomplete cache would be wrong in ways tsc cannot see.
  if (state.problems.length > 0 || !state.schema) {
    return { config, problems: sortProblems(state.problems), modulesWritten: [], modulesRemoved: [], sourcesTyped: [] };
  }
  const { modules, problems } = generateModules(state.entries, state.schema, config);
  problems.push(...withMigrationsModule(modules, await embeddedMigrations(config, { split: false })));
  if (problems.length > 0) {
    return { config, problems: sortProblems(problems), modulesWritten: [], modulesRemoved: [], sourcesTyped: [] };
  }
  const { written, removed } = await writeModules(config, modules);
  // Types modules beside TypeScript sources whose queries are gone (own-types-modules.ts).
  for (const file of await ownTypesModules(config.root, config.sources, [config.generated, config.cache])) {
    if (modules.has(file)) continue;
    await rm(path.join(config.root, file), { force: true });
    removed.push(file);
  }
  // Native `query<…>` type arguments depend on the codegen options too: rewritten from the cache.
  const entryOf = new Map(state.inline.map(({ query, entry }) => [query, entry]));
  const sourcesTyped: string[] = [];
  for (const [file, expected] of nativeTypesByFile([...entryOf.keys()], (q) => entryOf.get(q), state.schema, codegenOptions(config))) {
    if (writeInlineTypes(config.root, file, expected)) sourcesTyped.push(file);
  }
  return { config, problems: [], modulesWritten: written, modulesRemoved: removed, sourcesTyped };
}
