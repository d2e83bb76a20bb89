/**
 * `sqlsure/runtime`: everything generated modules import. Dependency-free on purpose (no driver,
 * no parser) so importing it costs next to nothing.
 */
export type { Queryable, QueryResultLike } from './queryable.js';
export { NoRowsError, TooManyRowsError } from './errors.js';
export type { RowDecoders } from './row-decoders.js';
export { queryOne, queryMaybe, queryMany, queryExec, queryExecRows } from './cardinality.js';
export { decodeTextArray, encodeJson } from './codecs.js';
export type { JsonValue } from './json.js';
export type { Interval } from './interval.js';
