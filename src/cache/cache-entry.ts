/** The offline cache format: the only bridge between the online and the offline half. */
import type { Cardinality, DynamicRowsSlot } from '../source/query-source.js';

export const CACHE_FORMAT_VERSION = 1;

export interface CachedParam {
  /** The TypeScript parameter; the placeholders of one expansion share it. */
  name: string;
  /** `pg_type.typname`; arrays as `_elem`; schema-qualified outside public/pg_catalog. */
  pgType: string;
  /** Whether this `$n` may be NULL (never for a list or rows array itself). */
  nullable: boolean;
  /**
   * Marked `?` in the source (`:name?`): the generated property is optional (`name?: T | null`)
   * and a value left out is sent as NULL. Only ever `true` (absent otherwise), so entries of
   * queries without `?` stay what they were; never on an expansion.
   */
  optional?: true;
  /** How the TypeScript value becomes this `$n` (see ParamExpansion); absent for plain ones. */
  expansion?: 'list' | 'tuple' | 'rows';
  /** tuple/rows: the field of the value (of each row) this `$n` carries. */
  field?: string;
  /** list/rows: whether the array's elements may be NULL. */
  elementNullable?: boolean;
  /** The table column this `$n` is stored into, when the statement says so. */
  target?: { table: string; column: string };
}

export interface CachedColumn {
  /** Row key (alias overrides like `"x!: T"` already stripped). */
  name: string;
  pgType: string;
  nullable: boolean;
  /** Human-readable reason, present whenever `nullable` is true. */
  nullableBecause?: string;
  /** The table column the value comes from, when PostgreSQL reports one. */
  origin?: { table: string; column: string };
  /** A TypeScript type given in the alias (`AS "meta: Meta"`), used verbatim by codegen. */
  tsType?: string;
}

export interface CacheEntry {
  version: number;
  hash: string;
  name: string;
  /** `file:line` relative to the project root. */
  source: string;
  sql: string;
  statement: string;
  cardinality: Cardinality;
  params: CachedParam[];
  columns: CachedColumn[];
  /** A rows expansion the runtime repeats per row (an array-typed field prevents unnest). */
  dynamic?: DynamicRowsSlot;
}

/** User-defined types the cached queries use, so codegen never needs a database. */
export interface SchemaTypes {
  /** Enum name → labels in sort order. */
  enums: Record<string, string[]>;
  /** Domain name → base type (and whether the domain itself is NOT NULL). */
  domains: Record<string, { baseType: string; notNull: boolean }>;
  /** Composite type name → fields in attribute order. */
  composites: Record<string, Array<{ name: string; pgType: string }>>;
}

/** schema.json's `schemaHash` after a first prepare in which queries failed: matches no migrations. */
export const INCOMPLETE_SCHEMA_HASH = 'incomplete';

export interface SchemaFile extends SchemaTypes {
  version: number;
  /**
   * The migrations the cache was prepared against. Only here, never in the entries: a migration
   * that changes no query's description rewrites this file alone.
   */
  schemaHash: string;
}
