/**
 * Golden nullability cases: every inference rule has a folder `test/cases/<case>/` with
 *
 *   schema.sql              DDL, run on a fresh randomly named database
 *   seed.sql                rows, with NULLs wherever a NULL can arise
 *   queries.sql             native sqlsure syntax (`-- name: Q :many`)
 *   params.json             optional: `{ "Q": { "p": value } }`; `"$1"` keys address params by position
 *   expected/verdicts.json  generated: `UPDATE_GOLDEN=1 npx vitest run test/cases`
 *
 * Per case: create the database, run schema.sql, `prepare` a throwaway project holding the queries
 * (in-process, against that database), run seed.sql, then execute every cached `statement` (in a
 * transaction that is rolled back, so each query sees exactly the seed) and note per result column
 * whether a NULL came back.
 *
 * - UNSAFE check, always enforced (golden files or not): a column cached as non-null that
 *   returned NULL fails with "UNSAFE verdict: <case>/<query>.<column>".
 * - Golden check: the verdicts (columns: non-null / nullable with or without an observed NULL, and
 *   the reason; params: non-null / nullable) must equal expected/verdicts.json. With
 *   UPDATE_GOLDEN=1 the file is (re)written instead.
 *
 * Every query must return at least one row on the seed: a verdict is only backed by data if
 * the query produced some.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { listEntryFiles, readEntry } from '../../src/cache/cache-store.js';
import { prepare } from '../../src/prepare/prepare.js';
import { formatProblem } from '../../src/report/format-problem.js';
import { createTestDatabase, runSql, serverReachable } from '../support/pg-test-database.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const CASES_DIR = path.dirname(fileURLToPath(import.meta.url));
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const MIN_CASES = 90;
const REQUIRED_FILES = ['schema.sql', 'seed.sql', 'queries.sql'] as const;
const VERDICTS_FILE = path.join('expected', 'verdicts.json');

const caseNames = readdirSync(CASES_DIR)
  .filter((name) => statSync(path.join(CASES_DIR, name)).isDirectory())
  .sort();

// Skips loudly without a server; throws (failing this file) under REQUIRE_REAL_PG=1.
const reachable = await serverReachable();

type ColumnVerdict = string;
type ParamVerdict = 'non-null' | 'nullable';
interface QueryVerdicts {
  columns: Record<string, ColumnVerdict>;
  params: Record<string, ParamVerdict>;
}
type ParamsFile = Record<string, Record<string, unknown>>;

const tally = { columns: 0, nonNull: 0, nullObserved: 0, neverNull: 0 };

describe('golden case corpus', () => {
  it(`has at least ${MIN_CASES} cases`, () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it.each(caseNames)('%s has its files', (name) => {
    const dir = path.join(CASES_DIR, name);
    for (const file of REQUIRED_FILES) expect(existsSync(path.join(dir, file)), `${name}/${file} is missing`).toBe(true);
    if (!UPDATE_GOLDEN) {
      expect(existsSync(path.join(dir, VERDICTS_FILE)), `${name}/${VERDICTS_FILE} is missing: run UPDATE_GOLDEN=1 npx vitest run test/cases`).toBe(true);
    }
  });
});

describe.skipIf(!reachable).concurrent('golden nullability cases on real PostgreSQL', () => {
  afterAll(() => {
    if (UPDATE_GOLDEN && tally.columns > 0) {
      console.log(
        `golden cases: ${tally.columns} result columns — ${tally.nonNull} non-null, ` +
          `${tally.nullObserved} nullable with a NULL observed, ${tally.neverNull} nullable but never NULL on the seed (over-nullable candidates)`,
      );
    }
  });

  it.for(caseNames)('%s', { timeout: 60_000 }, async (name, { expect }) => {
    const dir = path.join(CASES_DIR, name);
    const [schemaSql, seedSql, queriesSql] = await Promise.all(REQUIRED_FILES.map((f) => readFile(path.join(dir, f), 'utf8')));
    const paramsFile = await readParamsFile(dir);

    const db = await createTestDatabase('sqlsure_case');
    const project = await makeProject({ 'queries/queries.sql': queriesSql! });
    let client: pg.Client | undefined;
    try {
      await mkdir(path.join(project, 'migrations'));
      await runSql(db.url, schemaSql!).catch(rethrowAs(`${name}/schema.sql`));

      const result = await prepare({ root: project, databaseUrl: db.url });
      if (result.problems.length > 0) {
        throw new Error(`${name}: prepare reported problems:\n${result.problems.map((p) => formatProblem(p)).join('\n')}`);
      }
      expect(result.queries, `${name}/queries.sql has no query`).toBeGreaterThan(0);
      expect(result.prepared, `${name}: not every query was prepared`).toBe(result.queries);
      const entries = await readEntries(path.join(project, result.config.cache));
      expect(entries.length).toBe(result.queries);
      checkParamsFile(name, paramsFile, entries);

      await runSql(db.url, seedSql!).catch(rethrowAs(`${name}/seed.sql`));
      client = new pg.Client({ connectionString: db.url });
      await client.connect();

      const verdicts: Record<string, QueryVerdicts> = {};
      const unsafe: string[] = [];
      for (const entry of entries) {
        const sawNull = await observeNulls(client, name, entry, paramValues(name, entry, paramsFile[entry.name]));
        const columns: Record<string, ColumnVerdict> = {};
        entry.columns.forEach((column, i) => {
          tally.columns++;
          if (!column.nullable) {
            tally.nonNull++;
            if (sawNull[i]) unsafe.push(`UNSAFE verdict: ${name}/${entry.name}.${column.name} is cached non-null but returned NULL`);
            columns[column.name] = 'non-null';
          } else {
            const because = column.nullableBecause ?? '<no reason recorded>';
            if (sawNull[i]) tally.nullObserved++;
            else tally.neverNull++;
            columns[column.name] = sawNull[i] ? `nullable (null observed): ${because}` : `nullable (never null on seed): ${because}`;
          }
        });
        const params: Record<string, ParamVerdict> = {};
        for (const p of entry.params) params[p.name] = p.nullable ? 'nullable' : 'non-null';
        verdicts[entry.name] = { columns, params };
      }

      const actual = JSON.stringify(verdicts, null, 2) + '\n';
      const goldenPath = path.join(dir, VERDICTS_FILE);
      if (UPDATE_GOLDEN) {
        await mkdir(path.dirname(goldenPath), { recursive: true });
        const previous = await readFile(goldenPath, 'utf8').catch(() => undefined);
        if (previous !== actual) await writeFile(goldenPath, actual);
      }

      // Enforced before (and regardless of) the golden comparison.
      if (unsafe.length > 0) throw new Error(unsafe.join('\n'));

      if (!UPDATE_GOLDEN) {
        const expected = await readFile(goldenPath, 'utf8').catch(() => undefined);
        if (expected === undefined) throw new Error(`${name}/${VERDICTS_FILE} is missing: run UPDATE_GOLDEN=1 npx vitest run test/cases`);
        expect(actual, `${name}: verdicts differ from ${VERDICTS_FILE} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
      }
    } finally {
      await client?.end();
      await db.drop();
      await removeProject(project);
    }
  });
});

async function readParamsFile(dir: string): Promise<ParamsFile> {
  const text = await readFile(path.join(dir, 'params.json'), 'utf8').catch(() => undefined);
  return text === undefined ? {} : (JSON.parse(text) as ParamsFile);
}

/** Cache entries in the order their queries appear in queries.sql. */
async function readEntries(cacheDir: string): Promise<CacheEntry[]> {
  const entries = await Promise.all((await listEntryFiles(cacheDir)).map((f) => readEntry(cacheDir, f)));
  const line = (e: CacheEntry): number => Number(e.source.slice(e.source.lastIndexOf(':') + 1));
  return entries.sort((a, b) => line(a) - line(b));
}

/** params.json may only name queries and parameters that exist (catches typos). */
function checkParamsFile(caseName: string, file: ParamsFile, entries: CacheEntry[]): void {
  for (const [queryName, values] of Object.entries(file)) {
    const entry = entries.find((e) => e.name === queryName);
    if (!entry) throw new Error(`${caseName}/params.json: no query named ${queryName}`);
    for (const key of Object.keys(values)) {
      const position = /^\$(\d+)$/.exec(key);
      const known = position ? Number(position[1]) >= 1 && Number(position[1]) <= entry.params.length : entry.params.some((p) => p.name === key);
      if (!known) throw new Error(`${caseName}/params.json: ${queryName} has no parameter ${key}`);
    }
  }
}

/** Values in `$n` order; a `"$n"` key wins over the inferred name (names of positional params may change). */
function paramValues(caseName: string, entry: CacheEntry, given: Record<string, unknown> = {}): unknown[] {
  return entry.params.map((p, i) => {
    const positional = `$${i + 1}`;
    if (positional in given) return given[positional];
    if (p.name in given) return given[p.name];
    throw new Error(`${caseName}/params.json: no value for ${entry.name} parameter ${p.name} (${positional})`);
  });
}

/** Runs the statement in a rolled-back transaction; per result column, whether any row had NULL. */
async function observeNulls(client: pg.Client, caseName: string, entry: CacheEntry, values: unknown[]): Promise<boolean[]> {
  await client.query('BEGIN');
  try {
    const result = await client
      .query({ text: entry.statement, values, rowMode: 'array' })
      .catch(rethrowAs(`${caseName}/${entry.name} failed on the seeded database`));
    const names = result.fields.map((f) => f.name);
    if (names.join('\0') !== entry.columns.map((c) => c.name).join('\0')) {
      throw new Error(`${caseName}/${entry.name}: executed columns [${names.join(', ')}] differ from the cache entry's`);
    }
    if (result.rows.length === 0) {
      throw new Error(`${caseName}/${entry.name} returned no rows: the seed must make every query produce rows`);
    }
    const rows = result.rows as unknown[][];
    return entry.columns.map((_, i) => rows.some((row) => row[i] === null));
  } finally {
    await client.query('ROLLBACK');
  }
}

function rethrowAs(what: string): (err: unknown) => never {
  return (err) => {
    throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
  };
}
