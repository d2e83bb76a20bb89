/**
 * The TypeScript type codegen writes for a column or a parameter, from the cache alone: the
 * mapping of infer/ts-type-map.ts (which knows the int8 mode), then overrides — in-SQL
 * (`AS "meta: Meta"`), by `table.column` (config "columns"), by pg type (config "types"). An
 * override names the type of the value as delivered: the runtime codec still applies, and an
 * overridden array column may hold any number of dimensions.
 */
import type { CachedColumn, CachedParam, SchemaTypes } from '../cache/cache-entry.js';
import { paramTsType, resultTsType } from '../infer/ts-type-map.js';
import type { CodegenOptions } from './codegen-options.js';

export interface ColumnType {
  type: string;
  /** Runtime codec spec (`"number"`, `"timestamptz[]"`, `"int8:number"`); absent for text. */
  codec?: string;
}

export interface ParamType {
  type: string;
  /** Runtime codec spec of the `$n` this value travels in; absent for text. */
  codec?: string;
}

export function columnType(column: CachedColumn, schema: SchemaTypes, options: CodegenOptions): ColumnType {
  const driver = resultTsType(column.pgType, schema, options.int8);
  const override =
    column.tsType ??
    (column.origin ? own(options.columns, `${column.origin.table}.${column.origin.column}`) : undefined) ??
    own(options.types, column.pgType);
  const codec = override !== undefined && driver.codec?.endsWith('[]') ? `${driver.codec}*` : driver.codec;
  return { type: override ?? driver.type, ...(codec ? { codec } : {}) };
}

/**
 * The type of one value: the parameter itself, or — for lists and rows — one element (the `$n`
 * is an array of them). `dynamic` rows placeholders carry one value each. The codec is always the
 * `$n`'s own.
 */
export function paramType(param: CachedParam, schema: SchemaTypes, options: CodegenOptions, dynamic = false): ParamType {
  const perElement = (param.expansion === 'list' || param.expansion === 'rows') && !dynamic;
  const pgType = perElement ? elementOf(param.pgType) : param.pgType;
  const driver = paramTsType(pgType, schema);
  const codec = paramTsType(param.pgType, schema).codec;
  const override = (param.target ? own(options.columns, `${param.target.table}.${param.target.column}`) : undefined) ?? own(options.types, pgType);
  return { type: override ?? driver.type, ...(codec ? { codec } : {}) };
}

/** `_uuid` → `uuid`, `auth._role` → `auth.role`. */
function elementOf(pgType: string): string {
  const dot = pgType.indexOf('.');
  const name = dot < 0 ? pgType : pgType.slice(dot + 1);
  return name.startsWith('_') ? pgType.slice(0, dot + 1) + name.slice(1) : pgType;
}

function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
