/** All generated modules for a set of cache entries, keyed by path relative to the root. */
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';
import type { SourceProblem } from '../source/query-source.js';
import { codegenOptions, type CodegenOptions } from './codegen-options.js';
import { emitEnums, ENUMS_MODULE } from './emit-enums.js';
import { emitModule } from './emit-module.js';
import { emitTypesModule } from './emit-types-module.js';
import { isTypeScriptSource } from '../source/typescript/types-module-path.js';
import { modulePathFor, sourceFileOf } from './module-path.js';
import type { ModuleReuse } from '../incremental/module-memo.js';

export interface GeneratedModules {
  modules: Map<string, string>;
  problems: SourceProblem[];
}

export function generateModules(
  entries: readonly CacheEntry[],
  schema: SchemaTypes,
  config: { queries: string; generated: string; cache?: string } & Partial<CodegenOptions>,
  /** Modules generated before from the same inputs (check's memo): taken instead of generated again. */
  reuse?: ModuleReuse,
): GeneratedModules {
  const options = codegenOptions(config);
  const byFile = new Map<string, CacheEntry[]>();
  for (const entry of entries) {
    const file = sourceFileOf(entry.source);
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  const modules = new Map<string, string>();
  const problems: SourceProblem[] = [];
  const enumsPath = `${config.generated}/${ENUMS_MODULE}`;
  for (const file of [...byFile.keys()].sort()) {
    const inFile = byFile.get(file)!.sort((a, b) => lineOf(a) - lineOf(b) || (a.name < b.name ? -1 : 1));
    const modulePath = modulePathFor(file, config.queries, config.generated);
    let emitted = reuse?.lookup(modulePath, inFile);
    if (!emitted) {
      emitted = (isTypeScriptSource(file) ? emitTypesModule : emitModule)(file, modulePath, inFile, schema, options);
      reuse?.remember(modulePath, inFile, emitted);
    }
    modules.set(modulePath, emitted.content);
    problems.push(...emitted.problems);
  }
  const enums = emitEnums(schema, config.cache ?? 'offline-cache');
  problems.push(...enums.problems);
  if (enums.content !== undefined) {
    if (modules.has(enumsPath)) {
      const file = [...byFile.keys()].find((f) => modulePathFor(f, config.queries, config.generated) === enumsPath)!;
      problems.push({
        file,
        position: { line: 1, column: 1 },
        message: `this file's module would overwrite ${enumsPath}, where sqlsure writes the enums`,
        hint: 'rename the query file',
      });
    } else {
      modules.set(enumsPath, enums.content);
    }
  }
  return { modules, problems };
}

function lineOf(entry: CacheEntry): number {
  return Number(/:(\d+)$/.exec(entry.source)?.[1] ?? 0);
}
