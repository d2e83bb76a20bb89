/**
 * Re-runs inference for one golden case from its recorded engine inputs (engine-inputs.ts), with
 * no database: queries.sql is parsed as prepare parses it, each statement's AST comes from the
 * real PostgreSQL parser (libpg-query), and `buildCacheEntry` gets the Describe results and
 * catalog facts PostgreSQL gave when the case was recorded.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheEntry } from '../../../src/cache/cache-entry.js';
import type { AstNode } from '../../../src/infer/ast.js';
import { buildCacheEntry } from '../../../src/infer/build-cache-entry.js';
import { parseQueryFile } from '../../../src/source/parse-query-file.js';
import type { QuerySource } from '../../../src/source/query-source.js';
import { loadSqlParser, parseSql } from '../../../src/source/sql-scanner.js';
import { catalogOf, INPUTS_FILE, INPUTS_FORMAT, recordCommand, relationCatalogOf, sha256, type EngineInputs } from './engine-inputs.js';

/** Where the case's queries live in the throwaway project cases.test.ts prepares. */
export const QUERIES_FILE = 'queries/queries.sql';

export type ReplayOutcome =
  | { ok: true; entries: CacheEntry[] }
  /** The recording is missing or no longer matches the case: re-record, this is not an engine verdict. */
  | { ok: false; stale: string };

/** The query records prepare would build from a case's queries.sql (no database needed). */
export async function caseQueries(caseDir: string): Promise<QuerySource[]> {
  await loadSqlParser();
  const parsed = parseQueryFile(QUERIES_FILE, await readFile(path.join(caseDir, 'queries.sql'), 'utf8'));
  if (parsed.problems.length > 0) {
    throw new Error(`${path.basename(caseDir)}/queries.sql: ${parsed.problems.map((p) => `${p.position.line}:${p.position.column} ${p.message}`).join('; ')}`);
  }
  const expanding = parsed.queries.filter((q) => q.slots?.length);
  if (expanding.length > 0) {
    // Expansions are compiled with element types the database reports in a second describe round;
    // the recording holds only the final description, so such a case could not be replayed truly.
    throw new Error(`${path.basename(caseDir)}: ${expanding.map((q) => q.name).join(', ')} use expansions (:list[] / bulk insert), which golden cases do not support`);
  }
  return parsed.queries;
}

export async function replayCase(caseDir: string): Promise<ReplayOutcome> {
  const name = path.basename(caseDir);
  const file = path.join(caseDir, INPUTS_FILE);
  const rerecord = `re-record with: ${recordCommand(name)}`;
  if (!existsSync(file)) return { ok: false, stale: `${name}/${INPUTS_FILE} is missing; record it with: ${recordCommand(name)}` };
  const inputs = JSON.parse(await readFile(file, 'utf8')) as EngineInputs;
  if (inputs.format !== INPUTS_FORMAT) return { ok: false, stale: `${name}/${INPUTS_FILE} has format ${inputs.format}, not ${INPUTS_FORMAT}; ${rerecord}` };
  const schemaSql = await readFile(path.join(caseDir, 'schema.sql'), 'utf8');
  if (sha256(schemaSql) !== inputs.schemaSql) return { ok: false, stale: `${name}/schema.sql changed since ${INPUTS_FILE} was recorded; ${rerecord}` };

  const queries = await caseQueries(caseDir);
  const recorded = inputs.queries.map((q) => `${q.name}: ${q.statement}`);
  const current = queries.map((q) => `${q.name}: ${q.statement}`);
  if (recorded.join('\n') !== current.join('\n')) {
    const changed = current.find((q, i) => q !== recorded[i]) ?? recorded[current.length];
    return { ok: false, stale: `${name}/queries.sql changed since ${INPUTS_FILE} was recorded (first difference: ${changed}); ${rerecord}` };
  }

  return { ok: true, entries: inferFromInputs(name, queries, inputs) };
}

/** The cache entries `buildCacheEntry` makes from recorded inputs (the queries must match them). */
export function inferFromInputs(caseName: string, queries: readonly QuerySource[], inputs: EngineInputs): CacheEntry[] {
  const catalog = catalogOf(inputs);
  const relations = relationCatalogOf(inputs);
  return queries.map((query, i) => {
    const described = inputs.queries[i]!;
    const parsed = parseSql(query.statement);
    if (!parsed.ok) throw new Error(`${caseName}/${query.name}: the statement no longer parses: ${parsed.error.message}`);
    const ast = parsed.result.stmts![0]!.stmt as AstNode;
    const built = buildCacheEntry(query, 'replay', { paramTypeIds: described.paramTypeIds, fields: described.fields, ast }, catalog, relations, 'replay');
    if (!built.ok) throw new Error(`${caseName}/${query.name}: ${built.problems.map((p) => p.message).join('; ')}`);
    return built.entry;
  });
}
