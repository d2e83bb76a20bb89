/**
 * What is known about functions beyond `proisstrict`. Strictness says NULL in → NULL out; it does
 * not promise a non-NULL result for non-NULL input, so built-in strict functions that return NULL
 * by design ("not found", "no match", "out of range") are listed here and treated as nullable.
 * User-defined functions are never trusted: a strict plpgsql function may still `RETURN NULL`.
 */

/** Built-in strict functions that can return NULL for non-NULL arguments. */
export const MAY_RETURN_NULL = new Set([
  // JSON field, element and path access: missing key or index
  'json_object_field', 'json_object_field_text', 'json_array_element', 'json_array_element_text',
  'json_extract_path', 'json_extract_path_text', 'jsonb_object_field', 'jsonb_object_field_text',
  'jsonb_array_element', 'jsonb_array_element_text', 'jsonb_extract_path', 'jsonb_extract_path_text',
  'jsonb_path_query_first', 'jsonb_path_query_first_tz', 'jsonb_path_match', 'jsonb_path_match_tz',
  'jsonb_path_match_opr', 'jsonb_path_exists_opr', 'json_typeof', 'jsonb_typeof',
  // arrays: empty arrays and missing elements
  'array_position', 'array_lower', 'array_upper', 'array_length', 'array_ndims', 'array_dims',
  // regular expressions: no match
  'regexp_match', 'regexp_substr', 'substring', 'textregexsubstr',
  // look-ups that answer NULL for "no such object"
  'to_regclass', 'to_regtype', 'to_regproc', 'to_regprocedure', 'to_regoper', 'to_regoperator',
  'to_regnamespace', 'to_regrole', 'to_regcollation', 'to_regtypemod', 'current_setting',
  'inet_client_addr', 'inet_client_port', 'inet_server_addr', 'inet_server_port', 'current_schema',
  'obj_description', 'col_description', 'shobj_description', 'has_column_privilege',
]);

/** Zero-argument built-ins that always return a value. */
export const ALWAYS_VALUE_NO_ARGS = new Set([
  'now', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'random',
  'gen_random_uuid', 'pg_backend_pid', 'version', 'current_database', 'txid_current',
  'pg_current_xact_id', 'pg_postmaster_start_time', 'current_user', 'session_user',
]);

/** Not strict, yet never NULL: they skip or stringify NULL arguments. */
export const NON_STRICT_NEVER_NULL = new Set([
  'concat', 'json_build_object', 'json_build_array', 'jsonb_build_object', 'jsonb_build_array',
  'num_nulls', 'num_nonnulls',
]);

/** Not strict; NULL exactly when their first argument is NULL. */
export const NULL_IFF_FIRST_ARG = new Set(['concat_ws', 'format']);

/** Window functions that always produce a value. */
export const RANKING_WINDOW = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);

/** Aggregates whose result over ≥ 1 row is non-NULL when their (first) argument is non-NULL. */
export const NON_NULL_OVER_NON_EMPTY = new Set([
  'min', 'max', 'sum', 'avg', 'bool_and', 'bool_or', 'every', 'bit_and', 'bit_or', 'bit_xor', 'string_agg',
]);

/** Aggregates whose result over ≥ 1 row is never NULL, whatever the arguments. */
export const NEVER_NULL_OVER_NON_EMPTY = new Set(['array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg']);

/** Comparison-like operators: a NULL operand makes the predicate NULL, i.e. the row is filtered. */
export const NULL_REJECTING_OPERATORS = new Set([
  '=', '<>', '!=', '<', '>', '<=', '>=', '~~', '~~*', '!~~', '!~~*', '~', '~*', '!~', '!~*', '@>', '<@', '&&',
]);

/** `||` is strict in every text, bytea, jsonb and array overload for the non-NULL case. */
export const CONCAT_OPERATOR = '||';
