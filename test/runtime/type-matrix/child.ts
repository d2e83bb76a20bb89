/**
 * Runs the prepared type matrix in one process, so in one time zone (TZ is fixed before any Date
 * exists): every generated function of every int8 mode, on a pg Pool, a pg transaction, PGlite and
 * a bare PGlite transaction. Prints one JSON report on stdout; the parent test asserts on it.
 *
 * env: MATRIX_PROJECT (the prepared project), MATRIX_DATABASE_URL (pg; absent: PGlite only),
 * MATRIX_HOSTILE=1 (install global pg-types parsers and PGlite instance parsers that lie).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { transaction, type Queryable } from 'sqlsure/runtime';
import { valueMatchesType } from '../../support/value-matches-type.js';
import { EXTRA_QUERIES, MATRIX, SCHEMA, type Int8Mode } from './matrix.js';

const project = process.env.MATRIX_PROJECT!;
const databaseUrl = process.env.MATRIX_DATABASE_URL;
const tz = process.env.TZ ?? 'UTC';
const MODES: Int8Mode[] = ['string', 'bigint', 'number'];

const failures: string[] = [];
let checkedValues = 0;
let roundTrips = 0;
const unavailable: string[] = [];

type Fn = (db: Queryable, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Module {
  functions: Record<string, Fn>;
  /** Interface name → property → declared TS type. */
  declared: Map<string, Map<string, string>>;
}

async function loadModule(file: string): Promise<Module> {
  const text = await readFile(file, 'utf8');
  const declared = new Map<string, Map<string, string>>();
  for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const props = new Map<string, string>();
    for (const line of m[2]!.split('\n')) {
      const p = /^ {2}("(?:[^"\\]|\\.)*"|[\w$]+): (.*);$/.exec(line);
      if (p) props.set(p[1]!.startsWith('"') ? (JSON.parse(p[1]!) as string) : p[1]!, p[2]!);
    }
    declared.set(m[1]!, props);
  }
  return { functions: (await import(pathToFileURL(file).href)) as Record<string, Fn>, declared };
}

function show(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`;
  if (Buffer.isBuffer(value)) return `Buffer(${value.toString('hex')})`;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
}

/** Deep equality that tells -0, NaN, Dates, Buffers and bigints apart as JS does. */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

function checkRow(where: string, row: Record<string, unknown>, declared: Map<string, string> | undefined): void {
  if (!declared) return void failures.push(`${where}: no Row interface`);
  for (const [key, type] of declared) {
    if (!(key in row)) failures.push(`${where}: column ${key} missing`);
    checkedValues++;
    if (!valueMatchesType(row[key], type)) failures.push(`${where}: ${key} = ${show(row[key])} is not ${type}`);
  }
}

async function runMatrix(label: string, db: Queryable, modules: Record<Int8Mode, Module>, driver: 'pg' | 'pglite'): Promise<void> {
  for (const mode of MODES) {
    const mod = modules[mode];
    for (const t of MATRIX) {
      const fn = mod.functions[`type${t.id}`]!;
      const where = `${label} int8=${mode} ${t.sql}`;
      const paramsType = mod.declared.get(`Type${t.id}Params`);
      const samples = t.roundTrips?.(mode) ?? [{ value: undefined }];
      for (const sample of [...samples, ...(t.roundTrips ? [{ value: null }] : [])]) {
        const params = t.roundTrips
          ? { v: sample.value, a: [sample.value, null], ...(t.domain ? { dv: sample.value, da: [sample.value, null] } : {}) }
          : undefined;
        if (params && sample.value !== null) {
          for (const [key, value] of Object.entries(params)) {
            const type = paramsType?.get(key);
            if (type === undefined || !valueMatchesType(value, type)) failures.push(`${where}: sample ${key} = ${show(value)} is not the declared parameter type ${type}`);
          }
        }
        let row: Record<string, unknown>;
        try {
          row = await fn(db, params);
        } catch (err) {
          if (t.unavailable?.test((err as Error).message) && driver === 'pglite') {
            unavailable.push(`${label} ${t.sql}`);
            break;
          }
          failures.push(`${where} ${show(sample.value)}: ${(err as Error).message}`);
          continue;
        }
        checkRow(`${where} ${show(sample.value)}`, row, mod.declared.get(`Type${t.id}Row`));
        if (!params) continue;
        const expected = sample.value === null ? null : 'expected' in sample ? sample.expected : sample.value;
        for (const key of ['v', 'dv'] as const) {
          if (!(key in params)) continue;
          roundTrips++;
          if (!same(row[key], expected)) failures.push(`${where}: ${key} sent ${show(sample.value)}, got ${show(row[key])}, expected ${show(expected)}`);
          const arrayKey = key === 'v' ? 'a' : 'da';
          if (!same(row[arrayKey], [expected, null])) failures.push(`${where}: ${arrayKey} sent [${show(sample.value)}, null], got ${show(row[arrayKey])}`);
        }
      }
    }
    await runExtras(`${label} int8=${mode}`, db, mode, modules[mode]);
  }
}

const expectThrow = async (where: string, pattern: RegExp, run: () => Promise<unknown>): Promise<void> => {
  try {
    const value = await run();
    failures.push(`${where}: expected an error matching ${pattern}, got ${show(value)}`);
  } catch (err) {
    if (!pattern.test((err as Error).message)) failures.push(`${where}: error ${(err as Error).message} does not match ${pattern}`);
  }
};

// Children for other time zones share the pg database: keep their ids apart.
let docId = process.pid * 1000;

async function runExtras(label: string, db: Queryable, mode: Int8Mode, mod: Module): Promise<void> {
  const { functions: f, declared } = mod;
  // int8 beyond 2^53: exact in string/bigint mode; a clear error, never a rounded number, in number mode.
  if (mode === 'number') {
    await expectThrow(`${label} Int8BeyondSafe`, /beyond ±\(2\^53 - 1\)/, () => f.int8BeyondSafe!(db));
    await expectThrow(`${label} int8 parameter 2^53 + 1`, /not a safe integer/, () => f.typeInt8!(db, { v: 2 ** 53 + 2, a: [], dv: 1, da: [] }));
  } else {
    const row = await f.int8BeyondSafe!(db);
    checkRow(`${label} Int8BeyondSafe`, row, declared.get('Int8BeyondSafeRow'));
    const big = mode === 'bigint' ? 9007199254740993n : '9007199254740993';
    if (!same(row.big, big)) failures.push(`${label} Int8BeyondSafe: ${show(row.big)}`);
  }
  const multi = await f.multiDimDeclared!(db);
  checkRow(`${label} MultiDimDeclared`, multi, declared.get('MultiDimDeclaredRow'));
  if (!same(multi.a2, [[1, 2], [3, null]]) || !same(multi.t2, [['a,b', null], ['c', 'd']])) failures.push(`${label} MultiDimDeclared: ${show(multi)}`);
  await expectThrow(`${label} MultiDimUndeclared`, /multi-dimensional array where a one-dimensional array is declared/, () => f.multiDimUndeclared!(db));
  const issue = await f.issueExample!(db);
  checkRow(`${label} IssueExample`, issue, declared.get('IssueExampleRow'));
  if (!same(issue.bx_arr, ['(1,1),(0,0)', '(3,3),(2,2)'])) failures.push(`${label} IssueExample box[]: ${show(issue.bx_arr)}`);
  if (!Buffer.isBuffer(issue.b) || (issue.b as Buffer).toString('hex') !== '01') failures.push(`${label} IssueExample bytea: ${show(issue.b)}`);

  // JSON null is writable into a NOT NULL jsonb column and stays distinct from SQL NULL.
  const { jsonNull } = await import('sqlsure/runtime');
  const doc = await f.insertDoc!(db, { id: ++docId, body: jsonNull, maybe: null });
  checkRow(`${label} InsertDoc`, doc, declared.get('InsertDocRow'));
  if (doc.body_kind !== 'null' || doc.maybe_is_sql_null !== true || doc.body !== null) failures.push(`${label} InsertDoc jsonNull: ${show(doc)}`);
  const doc2 = await f.insertDoc!(db, { id: ++docId, body: { a: 1 }, maybe: jsonNull });
  if (doc2.maybe_is_sql_null !== false || !same(doc2.body, { a: 1 })) failures.push(`${label} InsertDoc maybe=jsonNull: ${show(doc2)}`);
  await expectThrow(`${label} date parameter given a Date`, /ambiguous/, () => f.typeDate!(db, { v: new Date(), a: [], dv: null, da: null }));
  // A column whose type changed since prepare is refused by its OID, not decoded into a lie.
  const { queryOne } = await import('sqlsure/runtime');
  await expectThrow(`${label} drifted column`, /type OID 25, which the generated code does not read as timestamptz/, () =>
    queryOne(db, 'Drifted', "SELECT 'soon'::text AS at", [], { decode: { at: 'timestamptz' } }),
  );
}

async function main(): Promise<void> {
  if (process.env.MATRIX_HOSTILE === '1') {
    // An application that configured pg globally must not change what generated code returns.
    for (const oid of [16, 20, 21, 23, 25, 114, 700, 701, 1082, 1114, 1184, 1186, 1700, 3802, 17, 600, 1007, 1016, 1115, 1182, 1185]) {
      pg.types.setTypeParser(oid, () => 'HOSTILE');
    }
  }
  const modules = {} as Record<Int8Mode, Module>;
  for (const mode of MODES) {
    const dir = path.join(project, `generated-${mode}`);
    const matrix = await loadModule(path.join(dir, 'matrix.ts'));
    const extra = await loadModule(path.join(dir, 'extra.ts'));
    modules[mode] = { functions: { ...matrix.functions, ...extra.functions }, declared: new Map([...matrix.declared, ...extra.declared]) };
  }

  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c TimeZone=${tz}`, max: 2 });
    try {
      await runMatrix(`pg Pool TZ=${tz}`, pool, modules, 'pg');
      await transaction(pool, async (tx) => {
        await runMatrix(`pg transaction TZ=${tz}`, tx, modules, 'pg');
      });
    } finally {
      await pool.end();
    }
  }

  const hostileParsers: Record<number, (text: string) => unknown> = {};
  if (process.env.MATRIX_HOSTILE === '1') {
    for (const oid of [16, 17, 20, 21, 23, 25, 114, 600, 700, 701, 718, 1007, 1009, 1082, 1114, 1184, 1186, 1700, 3802, 3904]) hostileParsers[oid] = () => 'HOSTILE';
  }
  const lite = new PGlite({ parsers: hostileParsers });
  try {
    await lite.exec(`SET TimeZone = '${tz}';\n${SCHEMA}`);
    await lite.refreshArrayTypes(); // PGlite then parses arrays of the user types itself, unless told not to
    await runMatrix(`PGlite TZ=${tz}`, lite, modules, 'pglite');
    await lite.transaction(async (tx) => {
      await runMatrix(`PGlite transaction TZ=${tz}`, tx, modules, 'pglite');
    });
  } finally {
    await lite.close();
  }
  process.stdout.write(JSON.stringify({ tz, failures, checkedValues, roundTrips, unavailable }) + '\n');
}

main().catch((err: unknown) => {
  process.stdout.write(JSON.stringify({ tz, failures: [...failures, `crashed: ${(err as Error).stack ?? String(err)}`], checkedValues, roundTrips, unavailable }) + '\n');
});
