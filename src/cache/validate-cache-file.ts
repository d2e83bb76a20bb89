/**
 * The offline cache is committed, so it is input like any other: a truncated file, a merge gone
 * wrong or a hand edit must be reported with the file and the field, never as a JS error deep in
 * codegen. These check the shape of `query-<hash>.json` and `schema.json` field by field; whether
 * an entry agrees with its query source is check/verify-entry.ts.
 */
import { CARDINALITIES, type DynamicRowsSlot } from '../source/query-source.js';
import { CACHE_FORMAT_VERSION, type CacheEntry, type CachedColumn, type CachedParam, type SchemaFile } from './cache-entry.js';

export class CacheFormatError extends Error {
  override name = 'CacheFormatError';
  constructor(
    /** The file, as given by the caller. */
    readonly file: string,
    /** What is wrong, without the file. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HASH = /^[0-9a-f]{64}$/;

type Json = Record<string, unknown>;

/** Reads one field of an object, failing with its path. */
class Fields {
  constructor(
    private readonly fail: (problem: string) => never,
    private readonly json: Json,
    private readonly path: string,
  ) {}

  static of(value: unknown, path: string, fail: (problem: string) => never): Fields {
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`${path || 'the file'} must be a JSON object`);
    return new Fields(fail, value as Json, path);
  }

  #where(key: string): string {
    return this.path ? `${this.path}.${key}` : `"${key}"`;
  }
  #missing(key: string, what: string): never {
    return this.fail(`${this.#where(key)} ${key in this.json ? 'must be' : 'is missing; expected'} ${what}`);
  }
  has(key: string): boolean {
    return Object.hasOwn(this.json, key) && this.json[key] !== undefined;
  }
  string(key: string, pattern?: RegExp, what = 'a string'): string {
    const v = this.json[key];
    if (typeof v !== 'string' || (pattern && !pattern.test(v))) this.#missing(key, what);
    return v as string;
  }
  boolean(key: string): boolean {
    const v = this.json[key];
    if (typeof v !== 'boolean') this.#missing(key, 'true or false');
    return v as boolean;
  }
  count(key: string): number {
    const v = this.json[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.#missing(key, 'a whole number ≥ 0');
    return v as number;
  }
  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.json[key];
    if (typeof v !== 'string' || !values.includes(v as T)) this.#missing(key, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
    return v as T;
  }
  array<T>(key: string, item: (value: unknown, path: string) => T): T[] {
    const v = this.json[key];
    if (!Array.isArray(v)) this.#missing(key, 'an array');
    return (v as unknown[]).map((x, i) => item(x, `${this.#where(key)}[${i}]`));
  }
  object(key: string): Fields {
    if (!this.has(key)) this.#missing(key, 'an object');
    return Fields.of(this.json[key], this.#where(key), this.fail);
  }
  record<T>(key: string, item: (value: unknown, path: string) => T): Record<string, T> {
    const fields = this.object(key);
    const out: Record<string, T> = {};
    for (const [name, value] of Object.entries(fields.json)) out[name] = item(value, `${fields.path}[${JSON.stringify(name)}]`);
    return out;
  }
}

function parseJson(text: string, fail: (problem: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON, so it was truncated or edited (${(err as Error).message})`);
  }
}

function checkVersion(top: Fields, fail: (problem: string) => never): void {
  const version = top.count('version');
  if (version > CACHE_FORMAT_VERSION) fail(`made by a newer sqlsure (cache version ${version}; this one reads ${CACHE_FORMAT_VERSION}); upgrade sqlsure`);
  if (version < CACHE_FORMAT_VERSION) fail(`made by an older sqlsure (cache version ${version}; this one reads ${CACHE_FORMAT_VERSION}); run \`sqlsure prepare\``);
}

/** A `query-<hash>.json` entry; `file` is how errors name it. */
export function parseCacheEntry(text: string, file: string): CacheEntry {
  const fail = (problem: string): never => {
    throw new CacheFormatError(file, problem);
  };
  const top = Fields.of(parseJson(text, fail), '', fail);
  checkVersion(top, fail);
  const name = top.string('name', QUERY_NAME, 'an identifier (letters, digits, underscores; not starting with a digit)');
  const entry = {
    version: CACHE_FORMAT_VERSION,
    hash: top.string('hash', HASH, 'a sha256 in hex'),
    name,
    source: top.string('source', /.:[1-9][0-9]*$/, 'a string "file:line"'),
    sql: top.string('sql'),
    statement: top.string('statement'),
    cardinality: top.oneOf('cardinality', CARDINALITIES),
    params: top.array('params', (v, path) => param(Fields.of(v, path, fail))),
    columns: top.array('columns', (v, path) => column(Fields.of(v, path, fail))),
    // Entries written while the migrations hash was stored per entry still carry it.
    ...(top.has('schemaHash') ? { schemaHash: top.string('schemaHash') } : {}),
  } as CacheEntry;
  if (top.has('dynamic')) entry.dynamic = dynamic(top.object('dynamic'), fail);
  return entry;
}

function param(f: Fields): CachedParam {
  const p: CachedParam = { name: f.string('name', /./, 'a non-empty string'), pgType: f.string('pgType', /./, 'a non-empty string'), nullable: f.boolean('nullable') };
  if (f.has('optional') && f.boolean('optional')) p.optional = true;
  if (f.has('expansion')) p.expansion = f.oneOf('expansion', ['list', 'tuple', 'rows'] as const);
  if (f.has('field')) p.field = f.string('field', /./, 'a non-empty string');
  if (f.has('elementNullable')) p.elementNullable = f.boolean('elementNullable');
  if (f.has('target')) p.target = tableColumn(f.object('target'));
  if ((p.expansion === 'tuple' || p.expansion === 'rows') && p.field === undefined) f.string('field', /./, `a non-empty string (a ${p.expansion} expansion names its field)`);
  return p;
}

function column(f: Fields): CachedColumn {
  const c: CachedColumn = { name: f.string('name'), pgType: f.string('pgType', /./, 'a non-empty string'), nullable: f.boolean('nullable') };
  if (f.has('nullableBecause')) c.nullableBecause = f.string('nullableBecause');
  if (f.has('origin')) c.origin = tableColumn(f.object('origin'));
  if (f.has('tsType')) c.tsType = f.string('tsType');
  return c;
}

function tableColumn(f: Fields): { table: string; column: string } {
  return { table: f.string('table'), column: f.string('column') };
}

function dynamic(f: Fields, fail: (problem: string) => never): DynamicRowsSlot {
  return {
    param: f.string('param', /./, 'a non-empty string'),
    context: f.oneOf('context', ['in', 'not in', 'values'] as const),
    start: f.count('start'),
    end: f.count('end'),
    firstIndex: f.count('firstIndex'),
    casts: f.array('casts', (v, path): string => {
      if (typeof v !== 'string') fail(`${path} must be a string`);
      return v;
    }),
  };
}

/** `schema.json`; `file` is how errors name it. */
export function parseSchemaFile(text: string, file: string): SchemaFile {
  const fail = (problem: string): never => {
    throw new CacheFormatError(file, problem);
  };
  const top = Fields.of(parseJson(text, fail), '', fail);
  checkVersion(top, fail);
  const strings = (v: unknown, path: string): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(`${path} must be an array of strings`);
    return v as string[];
  };
  return {
    version: CACHE_FORMAT_VERSION,
    schemaHash: top.string('schemaHash'),
    enums: top.record('enums', strings),
    domains: top.record('domains', (v, path) => {
      const f = Fields.of(v, path, fail);
      return { baseType: f.string('baseType', /./, 'a non-empty string'), notNull: f.boolean('notNull') };
    }),
    composites: top.record('composites', (v, path) => {
      if (!Array.isArray(v)) fail(`${path} must be an array of fields`);
      return (v as unknown[]).map((x, i) => {
        const f = Fields.of(x, `${path}[${i}]`, fail);
        return { name: f.string('name'), pgType: f.string('pgType', /./, 'a non-empty string') };
      });
    }),
  };
}
