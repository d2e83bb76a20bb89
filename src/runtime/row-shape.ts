/**
 * What generated code tells the runtime about one query: how to encode each parameter and decode
 * each column (by codec spec, see type-codecs.ts), and which columns are renamed (`camelCase`).
 * The runtime receives every value as text, so a column without a codec is text and stays a
 * string; a parameter without a codec is sent as text. A shape is compiled once, on first use.
 */
import type { QueryResultLike } from './queryable.js';
import { codecFor } from './type-codecs.js';

/** Turns a non-null value as the driver returned it into the value the row type promises. */
export type RowDecoder = (value: unknown) => unknown;
export type RowDecoders = Readonly<Record<string, RowDecoder | string>>;

export interface QueryShape {
  /** Column name (as the server sends it) → codec spec (or decoder), applied to non-null values. */
  readonly decode?: RowDecoders;
  /** Column name → property name, for the columns that are renamed. */
  readonly rename?: Readonly<Record<string, string>>;
  /** Codec spec of each `$n`, in order; missing entries are text. */
  readonly encode?: readonly string[];
  /**
   * Codec specs of the fields of an expanded rows parameter: the values after the `encode`
   * entries are rows of these, repeated (runtime/expand-rows.ts).
   */
  readonly encodeRows?: readonly string[];
}

/** Earlier name of {@link QueryShape}. */
export type RowShape = QueryShape;

type Row = Record<string, unknown>;
type Shaper = (row: Row) => Row;

const compiled = new WeakMap<QueryShape, Shaper>();
const TEXT = codecFor('text');

/** Parameter values as text (or null), each by its codec. */
export function encodeValues(values: readonly unknown[], shape: QueryShape | undefined): Array<string | null> {
  const encode = shape?.encode ?? [];
  const rows = shape?.encodeRows ?? [];
  return values.map((value, i) => {
    const spec = i < encode.length ? encode[i] : rows.length > 0 ? rows[(i - encode.length) % rows.length] : undefined;
    try {
      return (spec === undefined ? TEXT : codecFor(spec)).encode(value);
    } catch (err) {
      if (err instanceof Error) err.message = `parameter $${i + 1}: ${err.message}`;
      throw err;
    }
  });
}

/**
 * Checks the column types the server reported against the codecs the generated code names: a
 * column whose built-in type changed since prepare (int4 → text, timestamptz → timestamp) throws,
 * naming it, instead of being decoded into a value of the wrong type.
 */
export function checkColumns(fields: QueryResultLike['fields'], shape: QueryShape, queryName: string): void {
  if (fields === undefined || shape.decode === undefined) return;
  for (const field of fields) {
    const spec = Object.hasOwn(shape.decode, field.name) ? shape.decode[field.name] : undefined;
    if (typeof spec === 'string' && !codecFor(spec).reads(field.dataTypeID)) {
      throw new TypeError(
        `${queryName}: column "${field.name}" has type OID ${field.dataTypeID}, which the generated code does not read as ${spec}: the schema changed since it was prepared (run sqlsure prepare)`,
      );
    }
  }
}

export function shapeRows(rows: unknown[], shape: QueryShape): unknown[] {
  const shaper = compile(shape);
  for (let i = 0; i < rows.length; i++) rows[i] = shaper(rows[i] as Row);
  return rows;
}

export function shapeRow(row: unknown, shape: QueryShape): unknown {
  return compile(shape)(row as Row);
}

function compile(shape: QueryShape): Shaper {
  let shaper = compiled.get(shape);
  if (shaper) return shaper;
  const decoders = new Map(
    Object.entries(shape.decode ?? {}).map(([column, d]) => [column, typeof d === 'string' ? codecFor(d).decode : d] as const),
  );
  const rename = new Map(Object.entries(shape.rename ?? {}));
  const decode = (column: string, value: unknown): unknown => {
    try {
      return decoders.get(column)!(value);
    } catch (err) {
      if (err instanceof Error) err.message = `column "${column}": ${err.message}`;
      throw err;
    }
  };
  if (rename.size === 0) {
    // Decoding in place: the row objects are fresh per query, so mutating them allocates nothing.
    const columns = [...decoders.keys()];
    shaper = (row) => {
      for (const column of columns) {
        const value = row[column];
        if (value !== null && value !== undefined) row[column] = decode(column, value);
      }
      return row;
    };
  } else {
    // Renaming builds a new object with the properties in column order.
    shaper = (row) => {
      const out: Row = {};
      for (const column of Object.keys(row)) {
        let value = row[column];
        if (value !== null && value !== undefined && decoders.has(column)) value = decode(column, value);
        out[rename.get(column) ?? column] = value;
      }
      return out;
    };
  }
  compiled.set(shape, shaper);
  return shaper;
}
