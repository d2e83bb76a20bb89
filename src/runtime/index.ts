/**
 * `sqlsure/runtime`: everything generated modules import. Dependency-free on purpose (no driver,
 * no parser) so importing it costs next to nothing.
 */
export type { Queryable, QueryResultLike } from './queryable.js';
export { NoRowsError, TooManyRowsError } from './errors.js';
export type { QueryShape, RowDecoder, RowDecoders, RowShape } from './row-shape.js';
export { queryOne, queryMaybe, queryMany, queryExec, queryExecRows } from './cardinality.js';
export { decodeTextArray, encodeArray, encodeJson, textArray } from './codecs.js';
export { codecFor } from './type-codecs.js';
export { int8ToString, int8ToBigInt, int8ToNumber, arrayOf } from './int8.js';
export { expandRows, type RowsSlot } from './expand-rows.js';
export { transaction, type Transaction, type TransactionOptions } from './transaction.js';
export { jsonNull, type JsonNull, type JsonParam, type JsonValue } from './json.js';
export { decodeInterval, encodeInterval, type Interval } from './interval.js';
export { decodeTimestamptz, encodeTimestamptz } from './timestamptz.js';
export { sql, registerInlineQueries, type InlineQuery, type InlineValue, type QueryTypes, type RunResult, type TaggedQuery } from './sql-tag.js';
export { query, type NativeQuery, type NativeQueryTypes, type NativeResult, type NativeRunArgs, type NotPrepared } from './query-tag.js';
