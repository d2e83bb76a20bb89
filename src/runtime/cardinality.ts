/** The five query shapes generated functions call: `:one`, `:maybe`, `:many`, `:exec`, `:execrows`. */
import { NoRowsError, TooManyRowsError } from './errors.js';
import type { Queryable } from './queryable.js';
import { decodeRow, decodeRows, type RowDecoders } from './row-decoders.js';

// Drivers do not mutate the values array; the cast only drops `readonly` for their signatures.
type Values = readonly unknown[];

export async function queryOne<R>(
  db: Queryable,
  queryName: string,
  text: string,
  values: Values,
  decoders?: RowDecoders,
): Promise<R> {
  const { rows } = await db.query(text, values as unknown[]);
  if (rows.length === 0) throw new NoRowsError(queryName);
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'exactly one row');
  const row = rows[0];
  if (decoders !== undefined) decodeRow(row, decoders);
  return row as R;
}

export async function queryMaybe<R>(
  db: Queryable,
  queryName: string,
  text: string,
  values: Values,
  decoders?: RowDecoders,
): Promise<R | null> {
  const { rows } = await db.query(text, values as unknown[]);
  if (rows.length === 0) return null;
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'at most one row');
  const row = rows[0];
  if (decoders !== undefined) decodeRow(row, decoders);
  return row as R;
}

export async function queryMany<R>(
  db: Queryable,
  _queryName: string,
  text: string,
  values: Values,
  decoders?: RowDecoders,
): Promise<R[]> {
  const { rows } = await db.query(text, values as unknown[]);
  if (decoders !== undefined) decodeRows(rows, decoders);
  return rows as R[];
}

export async function queryExec(
  db: Queryable,
  _queryName: string,
  text: string,
  values: Values,
): Promise<void> {
  await db.query(text, values as unknown[]);
}

/** Rows affected: pg reports `rowCount`, PGlite `affectedRows` (older versions only that). */
export async function queryExecRows(
  db: Queryable,
  _queryName: string,
  text: string,
  values: Values,
): Promise<number> {
  const result = await db.query(text, values as unknown[]);
  return result.rowCount ?? result.affectedRows ?? 0;
}
