/** The five query shapes generated functions call: `:one`, `:maybe`, `:many`, `:exec`, `:execrows`. */
import { NoRowsError, TooManyRowsError } from './errors.js';
import type { Queryable } from './queryable.js';
import { shapeRow, shapeRows, type RowShape } from './row-shape.js';

// Drivers do not mutate the values array; the cast only drops `readonly` for their signatures.
type Values = readonly unknown[];

export async function queryOne<R>(db: Queryable, queryName: string, text: string, values: Values, shape?: RowShape): Promise<R> {
  const { rows } = await db.query(text, values as unknown[]);
  if (rows.length === 0) throw new NoRowsError(queryName);
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'exactly one row');
  return (shape ? shapeRow(rows[0], shape) : rows[0]) as R;
}

export async function queryMaybe<R>(db: Queryable, queryName: string, text: string, values: Values, shape?: RowShape): Promise<R | null> {
  const { rows } = await db.query(text, values as unknown[]);
  if (rows.length === 0) return null;
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'at most one row');
  return (shape ? shapeRow(rows[0], shape) : rows[0]) as R;
}

export async function queryMany<R>(db: Queryable, _queryName: string, text: string, values: Values, shape?: RowShape): Promise<R[]> {
  const { rows } = await db.query(text, values as unknown[]);
  return (shape ? shapeRows(rows, shape) : rows) as R[];
}

export async function queryExec(db: Queryable, _queryName: string, text: string, values: Values): Promise<void> {
  await db.query(text, values as unknown[]);
}

/** Rows affected: pg reports `rowCount`, PGlite `affectedRows` (older versions only that). */
export async function queryExecRows(db: Queryable, _queryName: string, text: string, values: Values): Promise<number> {
  const result = await db.query(text, values as unknown[]);
  return result.rowCount ?? result.affectedRows ?? 0;
}
