/**
 * The TypeScript type codegen writes for a column or a parameter, from the cache alone: the
 * driver's type (infer/ts-type-map.ts), then the int8 mode, then overrides — in-SQL
 * (`AS "meta: Meta"`), by `table.column` (config "columns"), by pg type (config "types"). An
 * override names the type of the value as delivered: decoders (arrays, int8) still apply.
 */
import type { CachedColumn, CachedParam, SchemaTypes } from '../cache/cache-entry.js';
import type { Int8Mode } from '../config/config.js';
import { paramTsType, resultTsType } from '../infer/ts-type-map.js';
import type { CodegenOptions } from './codegen-options.js';

export interface ColumnType {
  type: string;
  /** Runtime decoder expression (`textArray`, `arrayOf(int8ToNumber)`), for non-null values. */
  decoder?: string;
}

export interface ParamType {
  type: string;
  /** JSON values are stringified before they reach the driver. */
  json: boolean;
  /** The `$n` is an array of a user type: sent as an array literal (see runtime encodeArray). */
  arrayLiteral: boolean;
}

const INT8_TYPE: Record<Int8Mode, string> = { string: 'string', bigint: 'bigint', number: 'number' };
const INT8_DECODER: Record<Int8Mode, string> = { string: 'int8ToString', bigint: 'int8ToBigInt', number: 'int8ToNumber' };

export function columnType(column: CachedColumn, schema: SchemaTypes, options: CodegenOptions): ColumnType {
  const driver = resultTsType(column.pgType, schema);
  let type = driver.type;
  let decoder = driver.decoder === 'textArray' ? 'textArray' : undefined;
  const int8 = int8Shape(column.pgType, schema);
  if (int8) {
    type = int8 === 'scalar' ? INT8_TYPE[options.int8] : `(${INT8_TYPE[options.int8]} | null)[]`;
    decoder = int8 === 'scalar' ? INT8_DECODER[options.int8] : `arrayOf(${INT8_DECODER[options.int8]})`;
  }
  const override =
    column.tsType ??
    (column.origin ? own(options.columns, `${column.origin.table}.${column.origin.column}`) : undefined) ??
    own(options.types, column.pgType);
  return { type: override ?? type, ...(decoder ? { decoder } : {}) };
}

/**
 * The type of one value: the parameter itself, or — for lists and rows — one element (the `$n`
 * is an array of them). `dynamic` rows placeholders carry one value each.
 */
export function paramType(param: CachedParam, schema: SchemaTypes, options: CodegenOptions, dynamic = false): ParamType {
  const perElement = (param.expansion === 'list' || param.expansion === 'rows') && !dynamic;
  const pgType = perElement ? elementOf(param.pgType) : param.pgType;
  const driver = paramTsType(pgType, schema);
  const override = (param.target ? own(options.columns, `${param.target.table}.${param.target.column}`) : undefined) ?? own(options.types, pgType);
  return { type: override ?? driver.type, json: driver.encoder === 'json', arrayLiteral: isUserTypeArray(param.pgType, schema) };
}

function isUserTypeArray(pgType: string, schema: SchemaTypes): boolean {
  const element = elementOf(pgType);
  if (element === pgType) return false;
  return Object.hasOwn(schema.enums, element) || Object.hasOwn(schema.domains, element) || Object.hasOwn(schema.composites, element);
}

/** Whether a type is int8 (or a domain over it), or an array of int8. */
function int8Shape(pgType: string, schema: SchemaTypes): 'scalar' | 'array' | undefined {
  if (pgType === '_int8') return 'array';
  let current = pgType;
  for (let depth = 0; depth < 32 && Object.hasOwn(schema.domains, current); depth++) current = schema.domains[current]!.baseType;
  return current === 'int8' ? 'scalar' : undefined;
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
