/**
 * `sqlsure check`: proves, with no database and no driver loaded, that the offline cache and the
 * generated modules are exactly what `prepare` would produce from the current sources.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedMigrations, manifestProblems, withMigrationsModule } from '../codegen/embedded-migrations.js';
import { generateModules } from '../codegen/generate-modules.js';
import { modulePathFor, sourceFileOf } from '../codegen/module-path.js';
import { ownTypesModules } from '../source/typescript/own-types-modules.js';
import { nativeTypeMembers, oneLine } from '../codegen/native-type-argument.js';
import { codegenOptions } from '../codegen/codegen-options.js';
import { sameTypeText } from '../source/typescript/same-type-text.js';
import { isTypeScriptSource, typesModulePath, typesModuleSpecifier } from '../source/typescript/types-module-path.js';
import { listGeneratedFiles } from '../codegen/write-modules.js';
import { CONFIG_FILE, resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { SourceProblem } from '../source/query-source.js';
import { sortProblems } from '../report/sort-problems.js';
import { snapshotDirFor } from '../database/pglite-snapshot.js';
import { ModuleMemo } from '../incremental/module-memo.js';
import { toolIdentity } from '../incremental/tool-identity.js';
import { loadOfflineState, type OfflineState } from './offline-state.js';
import { configDriftProblem, type DifferingModule } from './config-drift.js';
import type { SchemaTypes } from '../cache/cache-entry.js';

const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';
/** The cache is right and only the modules differ (the config changed, or a module was edited). */
const RUN_GENERATE = 'the offline cache is up to date: run `sqlsure generate` (no database needed) and commit the result';
const RUN_GENERATE_CONFIG = `only the configuration changed, ${RUN_GENERATE}`;

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
  const schemaTypes = state.schema ?? empty;
  // A module is generated again only when what it is made from changed since the last check.
  const localDir = snapshotDirFor(config.root);
  const context = JSON.stringify([schemaTypes, codegenOptions(config), config.queries, config.generated, config.cache]);
  const memo = ModuleMemo.open(localDir, config.root, config.generated, await toolIdentity(localDir), context, state.entryDigests);
  const { modules, problems: codegenProblems } = generateModules(state.entries, schemaTypes, config, memo);
  const savingMemo = memo.save();
  problems.push(...codegenProblems);
  // generated/_migrations.ts, rebuilt from the migration files and the cache's manifest (no parser).
  const embedded = await embeddedMigrations(config, { split: false });
  problems.push(...withMigrationsModule(modules, embedded), ...manifestProblems(config.root, embedded));

  // With the cache in order, what differs is made from it alone: `generate` fixes it.
  const hint = state.problems.length === 0 && codegenProblems.length === 0 ? RUN_GENERATE : RUN_PREPARE;
  const consequences = new Set([...state.editedFiles].map((f) => modulePathFor(f, config.queries, config.generated)));
  const differing: DifferingModule[] = [];
  const unchanged = new Map<string, string>();
  for (const [file, expected] of modules) {
    if (consequences.has(file)) continue;
    const actual = readIfPresent(path.join(config.root, file));
    if (actual === undefined) {
      // A TypeScript source's types module sits beside it: the source is where the reader looks.
      const owner = state.entries.find((e) => isTypeScriptSource(sourceFileOf(e.source)) && modulePathFor(sourceFileOf(e.source), config.queries, config.generated) === file);
      if (owner) {
        const [, ownerFile, line] = /^(.*):(\d+)$/.exec(owner.source)!;
        problems.push({ file: ownerFile!, position: { line: Number(line), column: 1 }, message: `the types module of this file, ${file}, is missing`, hint });
        continue;
      }
      problems.push({ file, position: { line: 1, column: 1 }, message: 'generated module is missing', hint });
    } else if (actual !== expected) {
      differing.push({ file, position: firstDifference(actual, expected), actual });
    } else {
      unchanged.set(file, actual);
    }
  }
  // One edit to the configuration makes many modules differ: said once, at its cause.
  const configFile = options.config ? path.relative(config.root, path.resolve(options.config)) : CONFIG_FILE;
  const configOnly = hint === RUN_GENERATE ? RUN_GENERATE_CONFIG : hint;
  const drift = differing.length > 0 ? configDriftProblem(differing, unchanged, state.entries, schemaTypes, config, configFile, { configOnly, other: hint }) : undefined;
  if (drift) problems.push(drift);
  else for (const d of differing) problems.push({ file: d.file, position: d.position, message: 'generated module differs from what the offline cache produces (edited by hand, or stale)', hint });
  for (const file of listGeneratedFiles(config)) {
    if (!modules.has(file) && !consequences.has(file)) {
      problems.push({ file, position: { line: 1, column: 1 }, message: 'generated module has no query file any more', hint });
    }
  }
  for (const file of await ownTypesModules(config.root, config.sources, [config.generated, config.cache])) {
    if (!modules.has(file) && !consequences.has(file)) {
      problems.push({ file, position: { line: 1, column: 1 }, message: 'types module has no sql`…` queries in its source any more', hint });
    }
  }
  problems.push(...inlineTypeProblems(state.inline, state.schema ?? empty, config, hint));
  await savingMemo;
  return { config, queries: state.queryCount, modules: modules.size, problems: rootCauseFirst(sortProblems(problems), config) };
}

/**
 * Native `query<…>` templates: the type argument must say what prepare writes from the entry (in
 * any layout), and the file must import its types module, which registers the statements.
 */
function inlineTypeProblems(inline: OfflineState['inline'], schema: SchemaTypes, config: ResolvedConfig, hint: string): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const unregistered = new Set<string>();
  for (const { query, entry } of inline) {
    const at = query.inline!;
    if (!at.registered && !unregistered.has(query.file)) {
      unregistered.add(query.file);
      problems.push({
        file: query.file,
        position: at.anchorAt,
        message: `query ${query.name}: its prepared statement is registered by ${typesModulePath(query.file)}, which this file does not import for its effect (the query would throw when run)`,
        hint: `run \`sqlsure prepare\`, which adds \`import '${typesModuleSpecifier(query.file)}';\``,
        query: query.name,
      });
    }
    if (!entry) continue;
    const expected = oneLine(nativeTypeMembers(entry, schema, codegenOptions(config), typesModulePath(query.file)));
    if (!at.typeArgument) {
      problems.push({ file: query.file, position: at.typeAt, message: `query ${query.name} has no type argument: prepare writes its types here`, hint, query: query.name });
    } else if (!sameTypeText(at.typeArgument.text, expected)) {
      problems.push({
        file: query.file,
        position: at.typeAt,
        message: `the type argument of query ${query.name} is not what the offline cache gives (edited by hand, or stale): expected ${expected}`,
        hint,
        query: query.name,
      });
    }
  }
  return problems;
}

/** Synchronous: one call per module, where fs/promises makes several round trips through the thread pool. */
function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Query files and migrations (what people edit) before the cache, the cache before the modules made from it. */
function rootCauseFirst(problems: SourceProblem[], config: ResolvedConfig): SourceProblem[] {
  const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir.replace(/\/$/, '')}/`);
  const rank = (p: SourceProblem) => (under(p.file, config.generated) ? 2 : under(p.file, config.cache) ? 1 : 0);
  return problems.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
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
