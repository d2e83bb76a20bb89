/**
 * When several generated modules differ, the cause is usually one edit to the configuration, not
 * one per module. Code generation is a pure function of the cache and a few options, so the
 * options with few values ("camelCase", "int8") are simply tried: if the committed modules are
 * exactly what another combination produces, that combination is the one they were made with, and
 * the configuration is reported once, at the option that changed. Otherwise the differing modules
 * are still one problem, since one command fixes them all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';
import { generateModules } from '../codegen/generate-modules.js';
import { modulePathFor, sourceFileOf } from '../codegen/module-path.js';
import { INT8_MODES, type ResolvedConfig } from '../config/config.js';
import { count } from '../report/count-noun.js';
import type { SourcePosition, SourceProblem } from '../source/query-source.js';

export interface DifferingModule {
  file: string;
  /** Where the committed module first differs from the expected one. */
  position: SourcePosition;
  /** The committed text. */
  actual: string;
}

type Pinned = Partial<Pick<ResolvedConfig, 'camelCase' | 'int8'>>;

/**
 * One problem for `differing` when there are several, else undefined (a single module that
 * differs is left to its own problem, at the place it differs).
 * @param unchanged committed modules that match what the current configuration produces
 * @param configFile the configuration file, root-relative (it may not exist)
 */
export function configDriftProblem(
  differing: readonly DifferingModule[],
  unchanged: ReadonlyMap<string, string>,
  entries: readonly CacheEntry[],
  schema: SchemaTypes,
  config: ResolvedConfig,
  configFile: string,
  hints: { configOnly: string; other: string },
): SourceProblem | undefined {
  // One module that differs is one problem already, said precisely where it differs.
  if (differing.length < 2) return undefined;
  const made = optionsThatMadeThem(differing, unchanged, entries, schema, config);
  const modules = count(differing.length, 'module');
  if (made) {
    const keys = Object.keys(made) as Array<keyof Pinned>;
    const spell = (values: Pinned) => keys.map((k) => `"${k}": ${JSON.stringify(values[k])}`).join(' and ');
    const now = Object.fromEntries(keys.map((k) => [k, config[k]])) as Pinned;
    return {
      file: configFile,
      position: keyPosition(path.join(config.root, configFile), keys) ?? { line: 1, column: 1 },
      message: `the generated modules were made with ${spell(made)}, but the configuration now says ${spell(now)} (${modules} differ)`,
      hint: hints.configOnly,
    };
  }
  const where = differing.map((d) => `${d.file}:${d.position.line}:${d.position.column}`).join(', ');
  return {
    file: differing[0]!.file,
    position: differing[0]!.position,
    message: `${differing.length} generated modules differ from what the offline cache produces with the current configuration: ${where} (a code generation option changed since they were generated, or they were edited)`,
    hint: hints.other,
  };
}

/** The "camelCase"/"int8" values (only those that differ from now) that reproduce every committed module. */
function optionsThatMadeThem(
  differing: readonly DifferingModule[],
  unchanged: ReadonlyMap<string, string>,
  entries: readonly CacheEntry[],
  schema: SchemaTypes,
  config: ResolvedConfig,
): Pinned | undefined {
  // Each combination is tried on the first differing module's queries alone, then on all.
  const first = entries.filter((e) => modulePathFor(sourceFileOf(e.source), config.queries, config.generated) === differing[0]!.file);
  for (const camelCase of [config.camelCase, !config.camelCase]) {
    for (const int8 of INT8_MODES) {
      if (camelCase === config.camelCase && int8 === config.int8) continue;
      const options = { ...config, camelCase, int8 };
      if (generateModules(first, schema, options).modules.get(differing[0]!.file) !== differing[0]!.actual) continue;
      const { modules, problems } = generateModules(entries, schema, options);
      if (problems.length > 0) continue;
      const same = (file: string, text: string) => modules.get(file) === text;
      // Modules the options do not touch (generated/_migrations.ts) are not in `modules`: one of
      // those that differs is not explained by them.
      if (!differing.every((d) => same(d.file, d.actual))) continue;
      if (![...unchanged].every(([file, text]) => !modules.has(file) || same(file, text))) continue;
      return { ...(camelCase !== config.camelCase ? { camelCase } : {}), ...(int8 !== config.int8 ? { int8 } : {}) };
    }
  }
  return undefined;
}

/** Line and column of the first of `keys` written in the configuration file, if it is there. */
function keyPosition(file: string, keys: readonly string[]): SourcePosition | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const offsets = keys.map((k) => text.indexOf(`"${k}"`)).filter((i) => i >= 0);
  if (offsets.length === 0) return undefined;
  const offset = Math.min(...offsets);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
