/** `sqlsure generate`: rewrites the generated modules from the offline cache alone. */
import { loadOfflineState } from '../check/offline-state.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { SourceProblem } from '../source/query-source.js';
import { sortProblems } from '../report/sort-problems.js';
import { embeddedMigrations, withMigrationsModule } from './embedded-migrations.js';
import { generateModules } from './generate-modules.js';
import { writeModules } from './write-modules.js';
import { writeEntry } from '../cache/cache-store.js';
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
  // Native `query<…>` type arguments depend on the codegen options too: rewritten from the cache.
  // An edit that adds lines moves the queries below it: their entries (and modules) say so.
  const sourcesTyped: string[] = [];
  let entries = state.entries;
  for (const [file, expected] of nativeTypesByFile(state.inline.map((i) => i.query), (q) => state.inline.find((i) => i.query === q)?.entry, state.schema, codegenOptions(config))) {
    const written = writeInlineTypes(config.root, file, expected);
    if (!written.changed) continue;
    sourcesTyped.push(file);
    const positions = new Map(state.inline.filter((i) => i.query.file === file && i.entry).map((i) => [i.entry!.hash, i.query.position]));
    entries = await Promise.all(
      entries.map(async (entry) => {
        const at = positions.get(entry.hash);
        if (!at) return entry;
        const moved = { ...entry, source: `${file}:${written.lineAfter(at.line, at.column)}` };
        if (moved.source !== entry.source) await writeEntry(path.join(config.root, config.cache), moved);
        return moved;
      }),
    );
  }
  if (entries !== state.entries) {
    const regenerated = generateModules(entries, state.schema, config);
    withMigrationsModule(regenerated.modules, await embeddedMigrations(config, { split: false }));
    modules.clear();
    for (const [file, content] of regenerated.modules) modules.set(file, content);
  }
  const { written, removed } = await writeModules(config, modules);
  // Types modules beside TypeScript sources whose queries are gone (own-types-modules.ts).
  for (const file of await ownTypesModules(config.root, config.sources, [config.generated, config.cache])) {
    if (modules.has(file)) continue;
    await rm(path.join(config.root, file), { force: true });
    removed.push(file);
  }
  return { config, problems: [], modulesWritten: written, modulesRemoved: removed, sourcesTyped };
}
