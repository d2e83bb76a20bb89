/**
 * Records the engine inputs of golden cases (engine-inputs.ts) against the PostgreSQL server at
 * TEST_DATABASE_URL:
 *
 *   npm run cases:record                  every case
 *   npm run cases:record -- <case> ...    only these
 *
 * Per case: a fresh database, schema.sql, then the same describe and catalog look-ups prepare
 * makes (src/prepare/describe-queries.ts). Before writing expected/describe.json it proves the
 * recording is complete: inference replayed from it must produce exactly the cache entries a real
 * `prepare` writes against the same database. It writes nothing else (verdicts.json is not its).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CacheEntry } from '../../../src/cache/cache-entry.js';
import { listEntryFiles, readEntry } from '../../../src/cache/cache-store.js';
import { loadCatalog } from '../../../src/database/catalog.js';
import { openDatabase } from '../../../src/database/open-database.js';
import { collectNeedsFromTree, emptyNeeds, loadRelationCatalog } from '../../../src/database/relation-catalog.js';
import { describeWithExpansions } from '../../../src/prepare/describe-expansions.js';
import { prepare } from '../../../src/prepare/prepare.js';
import { formatProblem } from '../../../src/report/format-problem.js';
import { parseSql } from '../../../src/source/sql-scanner.js';
import { createTestDatabase, runSql, serverReachable, TEST_DATABASE_URL } from '../../support/pg-test-database.js';
import { makeProject, removeProject } from '../../support/project-dir.js';
import { INPUTS_FILE, serializeInputs, toInputs, type RecordedQuery } from './engine-inputs.js';
import { caseQueries, inferFromInputs, QUERIES_FILE } from './replay-case.js';

const CASES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARALLEL = 2;

async function recordCase(name: string): Promise<'written' | 'unchanged'> {
  const dir = path.join(CASES_DIR, name);
  const [schemaSql, queriesSql] = await Promise.all(['schema.sql', 'queries.sql'].map((f) => readFile(path.join(dir, f), 'utf8')));
  const queries = await caseQueries(dir);
  const db = await createTestDatabase('sqlsure_record');
  const project = await makeProject({ [QUERIES_FILE]: queriesSql! });
  try {
    await runSql(db.url, schemaSql!).catch((err: Error) => {
      throw new Error(`${name}/schema.sql: ${err.message}`);
    });
    const { session } = await openDatabase({ root: project, migrations: 'migrations', databaseUrl: db.url });
    let inputs;
    try {
      // As describe-queries.ts does it: describe, parse, then the two batched catalog look-ups.
      const { described } = await describeWithExpansions(session, queries);
      const typeOids = new Set<number>();
      const origins: Array<{ tableOid: number; attnum: number }> = [];
      const needs = emptyNeeds();
      const recorded: RecordedQuery[] = queries.map((query, i) => {
        const d = described[i]!;
        if (!d.ok) throw new Error(`${name}/${query.name}: PostgreSQL refused it: ${d.error.message}`);
        d.paramTypeIds.forEach((t) => typeOids.add(t));
        for (const f of d.fields ?? []) {
          typeOids.add(f.typeId);
          origins.push({ tableOid: f.tableId, attnum: f.columnId });
        }
        const parsed = parseSql(query.statement);
        if (parsed.ok) collectNeedsFromTree(parsed.result, needs);
        return { name: query.name, statement: query.statement, paramTypeIds: d.paramTypeIds, fields: d.fields };
      });
      const [catalog, relations] = await Promise.all([loadCatalog(session, typeOids, origins), loadRelationCatalog(session, needs)]);
      inputs = toInputs(schemaSql!, recorded, catalog, relations);
    } finally {
      await session.close();
    }

    // The recording must hold everything inference reads: replayed, it yields what prepare caches.
    const result = await prepare({ root: project, databaseUrl: db.url });
    if (result.problems.length > 0) throw new Error(`${name}: prepare reported problems:\n${result.problems.map((p) => formatProblem(p)).join('\n')}`);
    const cacheDir = path.join(project, result.config.cache);
    const prepared = await Promise.all((await listEntryFiles(cacheDir)).map((f) => readEntry(cacheDir, f)));
    const replayed = inferFromInputs(name, queries, inputs);
    for (const entry of replayed) {
      const real = prepared.find((e) => e.name === entry.name);
      const a = JSON.stringify(inferred(entry));
      const b = real ? JSON.stringify(inferred(real)) : '(not prepared)';
      if (a !== b) throw new Error(`${name}/${entry.name}: replay from the recording differs from prepare:\n  replay:  ${a}\n  prepare: ${b}`);
    }

    const file = path.join(dir, INPUTS_FILE);
    const text = serializeInputs(inputs);
    if (existsSync(file) && (await readFile(file, 'utf8')) === text) return 'unchanged';
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return 'written';
  } finally {
    await db.drop();
    await removeProject(project);
  }
}

/** What inference decides for an entry (not where it came from). */
function inferred(e: CacheEntry): unknown {
  return { cardinality: e.cardinality, statement: e.statement, params: e.params, columns: e.columns };
}

async function main(): Promise<number> {
  const all = readdirSync(CASES_DIR).filter((n) => statSync(path.join(CASES_DIR, n)).isDirectory() && existsSync(path.join(CASES_DIR, n, 'queries.sql'))).sort();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !all.includes(n));
  if (unknown.length > 0) {
    console.error(`no such case: ${unknown.join(', ')}`);
    return 2;
  }
  if (!(await serverReachable())) {
    console.error(`PostgreSQL at ${TEST_DATABASE_URL} is unreachable: recording needs a real server`);
    return 3;
  }
  const names = asked.length > 0 ? asked : all;
  const failures: string[] = [];
  let written = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const name = names[next++]!;
      try {
        if ((await recordCase(name)) === 'written') {
          written++;
          console.log(`recorded ${name}/${INPUTS_FILE}`);
        }
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(`${names.length} case(s): ${written} recorded, ${names.length - written - failures.length} unchanged, ${failures.length} failed`);
  for (const f of failures) console.error(`error: ${f}`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
