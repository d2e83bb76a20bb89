/** All generated modules for a set of cache entries, keyed by path relative to the root. */
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';
import { emitModule, type CodegenProblem } from './emit-module.js';
import { modulePathFor, sourceFileOf } from './module-path.js';

export interface GeneratedModules {
  modules: Map<string, string>;
  problems: CodegenProblem[];
}

export function generateModules(
  entries: readonly CacheEntry[],
  schema: SchemaTypes,
  dirs: { queries: string; generated: string },
): GeneratedModules {
  const byFile = new Map<string, CacheEntry[]>();
  for (const entry of entries) {
    const file = sourceFileOf(entry.source);
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  const modules = new Map<string, string>();
  const problems: CodegenProblem[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const inFile = byFile.get(file)!.sort((a, b) => lineOf(a) - lineOf(b) || (a.name < b.name ? -1 : 1));
    const emitted = emitModule(file, inFile, schema);
    modules.set(modulePathFor(file, dirs.queries, dirs.generated), emitted.content);
    problems.push(...emitted.problems);
  }
  return { modules, problems };
}

function lineOf(entry: CacheEntry): number {
  return Number(/:(\d+)$/.exec(entry.source)?.[1] ?? 0);
}
