/**
 * Golden nullability cases: every inference rule has a folder `test/cases/<case>/` with
 *
 *   schema.sql              DDL
 *   seed.sql                rows, with NULLs wherever a NULL can arise
 *   queries.sql             native sqlsure syntax (`-- name: Q :many`)
 *   params.json             optional: `{ "Q": { "p": value } }`; `"$1"` keys address params by position
 *   expected/verdicts.json  generated: `UPDATE_GOLDEN=1 npx vitest run test/cases`
 *
 * Cases with the same schema.sql form a group (202 cases, about 40 schemas), and each group costs
 * one database and one `prepare`: the schema runs once on a fresh randomly named database, every
 * case's queries.sql becomes its own file `queries/<case>.sql` of one throwaway project (so query
 * names may repeat between cases, and every cache entry and problem names its case through its
 * file), and that project is prepared once, in-process. Then, case by case on one connection:
 * BEGIN, the schema's sequences reset to where schema.sql left them, the case's seed.sql, each
 * cached `statement` inside a savepoint that is rolled back (so each query sees exactly the seed),
 * noting per result column whether a NULL came back; ROLLBACK. Each case thus sees the schema and
 * its own seed and nothing of any other case, exactly as on a database of its own. (The seed runs
 * in the queries' transaction, so now() would be the same in both: seeds use literal times.)
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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { listEntryFiles, readEntry } from '../../src/cache/cache-store.js';
import { prepare } from '../../src/prepare/prepare.js';
import { formatProblem } from '../../src/report/format-problem.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import type { SourceProblem } from '../../src/source/query-source.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { createTestDatabase, runSql, serverReachable } from '../support/pg-test-database.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const CASES_DIR = path.dirname(fileURLToPath(import.meta.url));
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const MIN_CASES = 90;
const REQUIRED_FILES = ['schema.sql', 'seed.sql', 'queries.sql'] as const;
const VERDICTS_FILE = path.join('expected', 'verdicts.json');
/** Groups prepared and checked at the same time (each holds one database connection). */
const GROUP_CONCURRENCY = 3;
/** A seed calling these would share its timestamp with the queries (they run in one transaction). */
const TRANSACTION_TIME = /\b(now\s*\(|current_timestamp|current_date|current_time|localtime|localtimestamp|transaction_timestamp)\b/i;

// A case folder holds at least one of the case files; other folders (replay/) hold support code.
const caseNames = readdirSync(CASES_DIR)
  .filter((name) => statSync(path.join(CASES_DIR, name)).isDirectory() && REQUIRED_FILES.some((f) => existsSync(path.join(CASES_DIR, name, f))))
  .sort();

// Without a server: fails the file, unless SQLSURE_TEST_SKIP_PG=1 asked to skip it loudly.
const reachable = await serverReachable();

type ColumnVerdict = string;
type ParamVerdict = 'non-null' | 'nullable';
interface QueryVerdicts {
  columns: Record<string, ColumnVerdict>;
  params: Record<string, ParamVerdict>;
}
type ParamsFile = Record<string, Record<string, unknown>>;

interface CaseInput {
  name: string;
  dir: string;
  schemaSql: string;
  seedSql: string;
  queriesSql: string;
  /** The case's query file inside its group's project. */
  file: string;
}

/** What running one case produced: its verdicts and UNSAFE findings, or the error that stopped it. */
type CaseOutcome = { ok: true; verdicts: Record<string, QueryVerdicts>; unsafe: string[] } | { ok: false; error: Error };

const tally = { columns: 0, nonNull: 0, nullObserved: 0, neverNull: 0 };

describe('golden case corpus', () => {
  it(`has at least ${MIN_CASES} cases`, () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('every case folder has its files', () => {
    const missing = caseNames.flatMap((name) => {
      const files: string[] = [...REQUIRED_FILES];
      if (!UPDATE_GOLDEN) files.push(VERDICTS_FILE);
      return files.filter((f) => !existsSync(path.join(CASES_DIR, name, f))).map((f) => `${name}/${f}`);
    });
    const hint = missing.some((m) => m.endsWith(VERDICTS_FILE)) ? ' (verdicts: run UPDATE_GOLDEN=1 npx vitest run test/cases)' : '';
    expect(missing, `missing files${hint}`).toEqual([]);
  });

  it('no seed uses the transaction time (it would equal now() in the queries)', () => {
    const seedOf = (name: string) => (existsSync(path.join(CASES_DIR, name, 'seed.sql')) ? readFileSync(path.join(CASES_DIR, name, 'seed.sql'), 'utf8') : '');
    const timed = caseNames.filter((name) => TRANSACTION_TIME.test(seedOf(name).replace(/--[^\n]*/g, '')));
    expect(timed, 'seeds must use literal timestamps').toEqual([]);
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

  // Waiting includes the other cases of the corpus run, so the limit is the whole corpus's.
  it.for(caseNames)('%s', { timeout: 600_000 }, async (name, { expect }) => {
    const outcome = await outcomeOf(name);
    if (!outcome.ok) throw outcome.error;
    const actual = JSON.stringify(outcome.verdicts, null, 2) + '\n';
    const goldenPath = path.join(CASES_DIR, name, VERDICTS_FILE);
    if (UPDATE_GOLDEN) {
      await mkdir(path.dirname(goldenPath), { recursive: true });
      const previous = await readFile(goldenPath, 'utf8').catch(() => undefined);
      if (previous !== actual) await writeFile(goldenPath, actual);
    }

    // Enforced before (and regardless of) the golden comparison.
    if (outcome.unsafe.length > 0) throw new Error(outcome.unsafe.join('\n'));

    if (!UPDATE_GOLDEN) {
      const expected = await readFile(goldenPath, 'utf8').catch(() => undefined);
      if (expected === undefined) throw new Error(`${name}/${VERDICTS_FILE} is missing: run UPDATE_GOLDEN=1 npx vitest run test/cases`);
      expect(actual, `${name}: verdicts differ from ${VERDICTS_FILE} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
    }
  });
});

let corpus: Map<string, Promise<CaseOutcome>> | undefined;

/** The outcome of one case; the first call starts the run of the whole corpus, group by group. */
function outcomeOf(name: string): Promise<CaseOutcome> {
  corpus ??= runCorpus();
  return corpus.get(name)!;
}

function runCorpus(): Map<string, Promise<CaseOutcome>> {
  const settle = new Map<string, (o: CaseOutcome) => void>();
  const outcomes = new Map<string, Promise<CaseOutcome>>();
  for (const name of caseNames) outcomes.set(name, new Promise((resolve) => settle.set(name, resolve)));

  const groups = new Map<string, CaseInput[]>();
  for (const name of caseNames) {
    const dir = path.join(CASES_DIR, name);
    const read = (f: string) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : undefined);
    const [schemaSql, seedSql, queriesSql] = REQUIRED_FILES.map(read);
    if (schemaSql === undefined || seedSql === undefined || queriesSql === undefined) {
      settle.get(name)!({ ok: false, error: new Error(`${name}: missing ${REQUIRED_FILES.filter((f) => read(f) === undefined).join(', ')}`) });
      continue;
    }
    const group = groups.get(schemaSql) ?? [];
    group.push({ name, dir, schemaSql, seedSql, queriesSql, file: `queries/${name}.sql` });
    groups.set(schemaSql, group);
  }

  const queue = [...groups.values()];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      const done = new Set<string>();
      const report = (name: string, outcome: CaseOutcome) => {
        done.add(name);
        settle.get(name)!(outcome);
      };
      try {
        await runGroup(group, report);
      } catch (err) {
        // The group's setup failed: every case not yet decided fails with the reason.
        for (const c of group) if (!done.has(c.name)) report(c.name, { ok: false, error: new Error(`${c.name}: ${(err as Error).message}`, { cause: err }) });
      }
    }
  };
  void Promise.all(Array.from({ length: GROUP_CONCURRENCY }, worker));
  return outcomes;
}

/** One database, one schema, one prepare for every case of the group; then each case in its own transaction. */
async function runGroup(cases: CaseInput[], report: (name: string, outcome: CaseOutcome) => void): Promise<void> {
  const schemaSql = cases[0]!.schemaSql;
  const db = await createTestDatabase('sqlsure_case');
  const project = await makeProject(Object.fromEntries(cases.map((c) => [c.file, c.queriesSql])));
  let client: pg.Client | undefined;
  try {
    await mkdir(path.join(project, 'migrations'));
    await runSql(db.url, schemaSql).catch(rethrowAs(`schema.sql (shared by ${cases.map((c) => c.name).join(', ')})`));

    const result = await prepare({ root: project, databaseUrl: db.url });
    const cacheDir = path.join(project, result.config.cache);
    const entries = await Promise.all((await listEntryFiles(cacheDir)).map((f) => readEntry(cacheDir, f)));
    const caseFiles = new Set(cases.map((c) => c.file));
    const unattributed = result.problems.filter((p) => !caseFiles.has(p.file));

    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const resetSequences = await sequenceReset(client);
    await loadSqlParser();
    let leakedBy: string | undefined;
    for (const c of cases) {
      if (leakedBy) {
        report(c.name, { ok: false, error: new Error(`${c.name}: not run: ${leakedBy}/seed.sql committed rows into the database this case shares`) });
        continue;
      }
      const problems = [...unattributed, ...result.problems.filter((p) => p.file === c.file)];
      const own = entries.filter((e) => e.source.startsWith(`${c.file}:`));
      const outcome = await runCase(client, c, own, problems, resetSequences).catch((err: Error) => ({ ok: false as const, error: err }));
      if (!outcome.ok && outcome.error instanceof SeedLeakError) leakedBy = c.name;
      report(c.name, outcome);
    }
  } finally {
    await client?.end();
    await db.drop();
    await removeProject(project);
  }
}

async function runCase(client: pg.Client, c: CaseInput, unordered: CacheEntry[], problems: SourceProblem[], resetSequences: string): Promise<CaseOutcome> {
  const { name } = c;
  if (problems.length > 0) {
    throw new Error(`${name}: prepare reported problems:\n${problems.map((p) => formatProblem(p)).join('\n')}`);
  }
  const blocks = parseQueryFile(c.file, c.queriesSql).blockCount;
  if (blocks === 0) throw new Error(`${name}/queries.sql has no query`);
  if (unordered.length !== blocks) throw new Error(`${name}: not every query was prepared (${unordered.length} cache entries for ${blocks} queries)`);
  const entries = inFileOrder(unordered);
  const paramsFile = await readParamsFile(c.dir);
  checkParamsFile(name, paramsFile, entries);

  await client.query('BEGIN');
  try {
    if (resetSequences) await client.query(resetSequences);
    const xid = async () => (await client.query<{ xid: string }>('SELECT txid_current()::text AS xid')).rows[0]!.xid;
    const before = await xid();
    await client.query(c.seedSql).catch(rethrowAs(`${name}/seed.sql`));
    // A COMMIT in the seed would leak its rows into the other cases of the group.
    if ((await xid()) !== before) throw new SeedLeakError(`${name}/seed.sql ends the transaction it runs in: seeds must not BEGIN, COMMIT or ROLLBACK`);
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
    return { ok: true, verdicts, unsafe };
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * setval is not undone by ROLLBACK: one statement putting every sequence back where schema.sql
 * left it, run at the start of each case (empty when the schema has none).
 */
async function sequenceReset(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ seq: string; value: string; called: boolean }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS seq, coalesce(last_value, start_value)::text AS value, last_value IS NOT NULL AS called FROM pg_sequences`,
  );
  if (rows.length === 0) return '';
  return `SELECT ${rows.map((r) => `setval(${pg.escapeLiteral(r.seq)}::regclass, ${r.value}, ${r.called})`).join(', ')}`;
}

async function readParamsFile(dir: string): Promise<ParamsFile> {
  const text = await readFile(path.join(dir, 'params.json'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  return text === undefined ? {} : (JSON.parse(text) as ParamsFile);
}

/** Cache entries in the order their queries appear in queries.sql. */
function inFileOrder(entries: CacheEntry[]): CacheEntry[] {
  const line = (e: CacheEntry): number => Number(e.source.slice(e.source.lastIndexOf(':') + 1));
  return [...entries].sort((a, b) => line(a) - line(b));
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

/** Runs the statement inside a savepoint that is rolled back; per result column, whether any row had NULL. */
async function observeNulls(client: pg.Client, caseName: string, entry: CacheEntry, values: unknown[]): Promise<boolean[]> {
  await client.query('SAVEPOINT query');
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
    await client.query('ROLLBACK TO SAVEPOINT query');
  }
}

/** A seed that committed: its rows stay in the group's database, so the group stops there. */
class SeedLeakError extends Error {}

function rethrowAs(what: string): (err: unknown) => never {
  return (err) => {
    throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
  };
}
