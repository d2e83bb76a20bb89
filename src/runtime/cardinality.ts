/** The five query shapes generated functions call: `:one`, `:maybe`, `:many`, `:exec`, `:execrows`. */
import { queryText } from './driver-query.js';
import { NoRowsError, TooManyRowsError } from './errors.js';
import type { Queryable, QueryResultLike } from './queryable.js';
import { checkColumns, encodeValues, shapeRow, shapeRows, type QueryShape } from './row-shape.js';

type Values = readonly unknown[];

async function run(db: Queryable, queryName: string, text: string, values: Values, shape: QueryShape | undefined): Promise<QueryResultLike> {
  const result = await queryText(db, text, encodeValues(values, shape));
  if (shape) checkColumns(result.fields, shape, queryName);
  return result;
}

export async function queryOne<R>(db: Queryable, queryName: string, text: string, values: Values, shape?: QueryShape): Promise<R> {
  const { rows } = await run(db, queryName, text, values, shape);
  if (rows.length === 0) throw new NoRowsError(queryName);
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'exactly one row');
  return (shape ? shapeRow(rows[0], shape) : rows[0]) as R;
}

export async function queryMaybe<R>(db: Queryable, queryName: string, text: string, values: Values, shape?: QueryShape): Promise<R | null> {
  const { rows } = await run(db, queryName, text, values, shape);
  if (rows.length === 0) return null;
  if (rows.length > 1) throw new TooManyRowsError(queryName, rows.length, 'at most one row');
  return (shape ? shapeRow(rows[0], shape) : rows[0]) as R;
}

export async function queryMany<R>(db: Queryable, queryName: string, text: string, values: Values, shape?: QueryShape): Promise<R[]> {
  const { rows } = await run(db, queryName, text, values, shape);
  return (shape ? shapeRows(rows, shape) : rows) as R[];
}

export async function queryExec(db: Queryable, queryName: string, text: string, values: Values, shape?: QueryShape): Promise<void> {
  await run(db, queryName, text, values, shape);
}

/** Rows affected: pg reports `rowCount`, PGlite `affectedRows` (older versions only that). */
export async function queryExecRows(db: Queryable, queryName: string, text: string, values: Values, shape?: QueryShape): Promise<number> {
  const result = await run(db, queryName, text, values, shape);
  return result.rowCount ?? result.affectedRows ?? 0;
}
