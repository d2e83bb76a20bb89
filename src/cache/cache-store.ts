/** Reading and writing the offline cache folder. */
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CacheEntry, SchemaFile } from './cache-entry.js';
import { readIfExists, writeFileIfChanged } from './atomic-write.js';
import { cacheFileName } from './query-hash.js';
import { stableJson } from './stable-json.js';
import { CacheFormatError, parseCacheEntry, parseSchemaFile } from './validate-cache-file.js';

export const SCHEMA_FILE = 'schema.json';
const ENTRY_FILE = /^query-[0-9a-f]{64}\.json$/;

/** Canonical bytes of an entry: fixed field order, so the same entry is always the same file. */
export function serializeEntry(e: CacheEntry): string {
  const ordered = {
    version: e.version,
    hash: e.hash,
    name: e.name,
    source: e.source,
    cardinality: e.cardinality,
    sql: e.sql,
    statement: e.statement,
    params: e.params.map((p) => ({
      name: p.name,
      pgType: p.pgType,
      nullable: p.nullable,
      ...(p.optional ? { optional: true } : {}),
      ...(p.expansion !== undefined ? { expansion: p.expansion } : {}),
      ...(p.field !== undefined ? { field: p.field } : {}),
      ...(p.elementNullable !== undefined ? { elementNullable: p.elementNullable } : {}),
      ...(p.target ? { target: { table: p.target.table, column: p.target.column } } : {}),
    })),
    columns: e.columns.map((c) => ({
      name: c.name,
      pgType: c.pgType,
      nullable: c.nullable,
      ...(c.nullableBecause !== undefined ? { nullableBecause: c.nullableBecause } : {}),
      ...(c.origin ? { origin: { table: c.origin.table, column: c.origin.column } } : {}),
      ...(c.tsType !== undefined ? { tsType: c.tsType } : {}),
    })),
    ...(e.dynamic
      ? {
          dynamic: {
            param: e.dynamic.param,
            context: e.dynamic.context,
            start: e.dynamic.start,
            end: e.dynamic.end,
            firstIndex: e.dynamic.firstIndex,
            casts: e.dynamic.casts,
          },
        }
      : {}),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

export function serializeSchema(schema: SchemaFile): string {
  return stableJson(schema);
}

export async function writeEntry(cacheDir: string, entry: CacheEntry): Promise<boolean> {
  return writeFileIfChanged(path.join(cacheDir, cacheFileName(entry.hash)), serializeEntry(entry));
}

export async function writeSchema(cacheDir: string, schema: SchemaFile): Promise<boolean> {
  return writeFileIfChanged(path.join(cacheDir, SCHEMA_FILE), serializeSchema(schema));
}

/** File names of every query entry in the cache folder. */
export async function listEntryFiles(cacheDir: string): Promise<string[]> {
  const names = await readdir(cacheDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.filter((n) => ENTRY_FILE.test(n)).sort();
}

export { CacheFormatError };

/** Reads and validates one entry; a damaged or foreign file throws CacheFormatError. */
export async function readEntry(cacheDir: string, fileName: string): Promise<CacheEntry> {
  return readEntryFile(cacheDir, fileName).entry;
}

/** readEntry, also giving the file's text. */
export function readEntryFile(cacheDir: string, fileName: string): { entry: CacheEntry; text: string } {
  const file = path.join(cacheDir, fileName);
  let text: string;
  try {
    // A synchronous read: check reads thousands of these, and fs/promises is far slower at that.
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CacheFormatError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const entry = parseCacheEntry(text, file);
  if (cacheFileName(entry.hash) !== fileName) throw new CacheFormatError(file, `"hash" is ${entry.hash}, but the file is named for another hash`);
  return { entry, text };
}

/** Reads and validates schema.json; undefined when there is none. */
export async function readSchema(cacheDir: string): Promise<SchemaFile | undefined> {
  const file = path.join(cacheDir, SCHEMA_FILE);
  const text = readIfExists(file);
  if (text === undefined) return undefined;
  return parseSchemaFile(text, file);
}

export async function removeEntryFiles(cacheDir: string, fileNames: readonly string[]): Promise<void> {
  await Promise.all(fileNames.map((n) => rm(path.join(cacheDir, n), { force: true })));
}
