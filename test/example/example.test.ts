/**
 * The repo's own example, end to end on a real server: `prepare` reproduces the committed cache
 * and generated modules byte for byte, and every generated function, run on seeded data that
 * contains NULLs, returns values of exactly its declared types.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry, SchemaFile } from '../../src/cache/cache-entry.js';
import { readEntry, listEntryFiles, readSchema } from '../../src/cache/cache-store.js';
import { camelCase } from '../../src/codegen/camel-case.js';
import { codegenOptions, type CodegenOptions } from '../../src/codegen/codegen-options.js';
import { functionName } from '../../src/codegen/names.js';
import { columnType } from '../../src/codegen/ts-types.js';
import { resolveConfig } from '../../src/config/config.js';
import { createTestDatabase, runSqlFiles, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyExample, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';
import { valueMatchesType } from '../support/value-matches-type.js';

const reachable = await serverReachable();

describe.skipIf(!reachable)('the example application', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let entries: CacheEntry[];
  let schema: SchemaFile;
  let options: CodegenOptions;

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_example');
    await runSqlFiles(db.url, path.join(REPO_ROOT, 'migrations'));
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const cacheDir = path.join(REPO_ROOT, 'offline-cache');
    entries = await Promise.all((await listEntryFiles(cacheDir)).map((f) => readEntry(cacheDir, f)));
    schema = (await readSchema(cacheDir))!;
    options = codegenOptions(await resolveConfig({ root: REPO_ROOT }));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('prepare reproduces the committed offline cache and generated modules exactly', async () => {
    const dir = await copyExample();
    try {
      const before = await snapshotTree(dir);
      const r = await runCli(['prepare', '--database-url', db.url], { cwd: dir });
      expect(r.stderr).toContain('(no changes)');
      expect(r.code).toBe(0);
      expect(await snapshotTree(dir)).toEqual(before);
    } finally {
      await removeProject(dir);
    }
  });

  it('has the breadth the example promises', () => {
    expect(entries.length).toBeGreaterThanOrEqual(25);
    const cardinalities = new Set(entries.map((e) => e.cardinality));
    expect([...cardinalities].sort()).toEqual(['exec', 'execrows', 'many', 'maybe', 'one']);
    expect(Object.keys(schema.enums).length).toBeGreaterThan(0);
  });

  it('uses every query-language feature: expansions, pgtyped syntax, camelCase, int8, overrides, enums', async () => {
    const params = entries.flatMap((e) => e.params);
    expect(params.some((p) => p.expansion === 'list')).toBe(true);
    expect(params.some((p) => p.expansion === 'rows')).toBe(true);
    expect(params.some((p) => p.expansion === 'tuple')).toBe(true);
    expect(entries.some((e) => e.dynamic)).toBe(true);
    expect(entries.some((e) => e.statement.includes('SELECT * FROM unnest('))).toBe(true);
    expect(await readFile(path.join(REPO_ROOT, 'queries/orgs.sql'), 'utf8')).toContain('/* @name ');
    expect(entries.some((e) => e.columns.some((c) => c.tsType))).toBe(true);
    expect(options).toMatchObject({ camelCase: true, int8: 'number' });
    expect(Object.keys(options.types).length + Object.keys(options.columns).length).toBeGreaterThan(1);
    expect(await readFile(path.join(REPO_ROOT, 'generated/_enums.ts'), 'utf8')).toContain('export const userStatusValues');
    expect(await readFile(path.join(REPO_ROOT, 'examples/consumer.ts'), 'utf8')).toContain('transaction(db, async (tx)');
  });

  describe('on seeded data with NULLs', () => {
    /** Every generated function's result on the seed, gathered once; each test below judges it on its own. */
    let calls: Call[];

    beforeAll(async () => {
      await runSql(db.url, await readFile(path.join(REPO_ROOT, 'test/fixtures/example-seed.sql'), 'utf8'));
      const params = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/example-params.json'), 'utf8')) as Record<string, unknown>;
      calls = [];
      const files = [...new Set(entries.map((e) => e.source.replace(/:\d+$/, '')))].sort();
      for (const file of files) {
        const modulePath = path.join(REPO_ROOT, 'generated', path.relative('queries', file).replace(/\.sql$/, '.ts'));
        const mod = (await import(modulePath)) as Record<string, (db: pg.Pool, p?: unknown) => Promise<unknown>>;
        const inFile = entries.filter((e) => e.source.startsWith(`${file}:`)).sort((a, b) => line(a) - line(b));
        for (const entry of inFile) {
          const fn = mod[functionName(entry.name)];
          const args = params[entry.name];
          // A missing function or parameter set is recorded, not thrown: the test below names it.
          if (typeof fn !== 'function' || args === undefined) {
            calls.push({ entry, fn: typeof fn, args });
            continue;
          }
          calls.push({ entry, fn: 'function', args, result: await fn(pool, entry.params.length ? args : undefined) });
        }
      }
    });

    const rowsOf = (call: Call): Array<Record<string, unknown>> => {
      const { cardinality } = call.entry;
      return (cardinality === 'many' ? call.result : cardinality === 'one' || cardinality === 'maybe' ? [call.result] : []) as Array<Record<string, unknown>>;
    };
    const property = (name: string) => (options.camelCase ? camelCase(name) : name);

    it('runs every generated function and each value matches its declared TS type', () => {
      expect(calls.map((c) => c.entry.name).sort()).toEqual(entries.map((e) => e.name).sort());
      let checkedValues = 0;
      for (const call of calls) {
        const { entry, result } = call;
        expect(call.fn, `${entry.name} is exported`).toBe('function');
        expect(call.args, `example-params.json has ${entry.name}`).toBeDefined();
        const rows = rowsOf(call);
        if (entry.cardinality === 'execrows') expect(result).toBeTypeOf('number');
        if (entry.cardinality === 'exec') expect(result).toBeUndefined();
        if (entry.cardinality === 'many') expect(rows.length, `${entry.name} returns rows`).toBeGreaterThan(0);
        if (entry.cardinality === 'maybe') expect(result, `${entry.name} finds its row`).not.toBeNull();
        for (const row of rows) {
          expect(Object.keys(row).sort()).toEqual(entry.columns.map((c) => property(c.name)).sort());
          for (const column of entry.columns) {
            // Overrides name application types; the value must still be what the driver type says.
            const { tsType: _override, ...plain } = column;
            const declared = columnType(plain, schema, { ...options, types: {}, columns: {} }).type;
            const type = column.nullable ? `${declared} | null` : declared;
            const value = row[property(column.name)];
            expect(valueMatchesType(value, type), `${entry.name}.${column.name}: ${inspect(value)} is not ${type}`).toBe(true);
            checkedValues++;
          }
        }
      }
      expect(checkedValues).toBeGreaterThan(200);
    });

    it('really returns NULL for every column typed nullable because of an outer join', () => {
      const observedNull = new Set<string>();
      for (const call of calls) {
        for (const row of rowsOf(call).filter((r) => r !== null && typeof r === 'object')) {
          for (const column of call.entry.columns) if (row[property(column.name)] === null) observedNull.add(`${call.entry.name}.${column.name}`);
        }
      }
      const outer = entries.flatMap((e) =>
        e.columns.filter((c) => /side of (LEFT|RIGHT|FULL) JOIN/.test(c.nullableBecause ?? '')).map((c) => `${e.name}.${c.name}`),
      );
      expect(outer.length).toBeGreaterThan(5);
      for (const key of outer) expect(observedNull.has(key), `${key} was NULL at least once`).toBe(true);
      for (const join of ['LEFT', 'RIGHT', 'FULL']) {
        expect(entries.some((e) => e.columns.some((c) => c.nullableBecause?.includes(`${join} JOIN`))), `${join} JOIN covered`).toBe(true);
      }
    });
  });
});

interface Call {
  entry: CacheEntry;
  fn: string;
  args: unknown;
  result?: unknown;
}

function line(e: CacheEntry): number {
  return Number(/:(\d+)$/.exec(e.source)![1]);
}

function inspect(value: unknown): string {
  return value instanceof Date ? `Date(${value.toISOString()})` : JSON.stringify(value) ?? String(value);
}
