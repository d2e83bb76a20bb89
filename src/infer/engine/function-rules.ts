/**
 * What is known about functions beyond `proisstrict`. Strictness says NULL in → NULL out; it does
 * not promise a non-NULL result for non-NULL input (`lseg # lseg`, `scale('NaN')`, `lower(range)`
 * and many catalog functions return NULL by design). So a call is non-null only when the function
 * is built in, strict, AND on the allow-list below of functions that always return a value for
 * non-NULL arguments. User-defined functions are never trusted: a strict plpgsql function may
 * still `RETURN NULL`.
 *
 * Each name is backed by test/cases/function-allow-lists, where PostgreSQL returns a value for its
 * call. Not on the lists although strict: to_char and to_number (NULL for an empty format, to_char
 * also for an infinite timestamp), date_part and extract (NULL for units such as `hour` of an
 * infinite timestamp or date); array_to_string and array_fill have non-strict overloads, which the
 * engine never trusts. `!=` is absent from the operator lists: the parser reads it as `<>`.
 */

/** Built-in strict functions that always return a value for non-NULL arguments. */
export const VALUE_FOR_VALUES = new Set([
  // text
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'octet_length', 'bit_length',
  'btrim', 'ltrim', 'rtrim', 'substr', 'left', 'right', 'lpad', 'rpad', 'repeat', 'replace', 'reverse',
  'strpos', 'position', 'split_part', 'translate', 'md5', 'sha224', 'sha256', 'sha384', 'sha512', 'encode',
  'decode', 'to_hex', 'ascii', 'chr', 'quote_ident', 'quote_literal', 'starts_with', 'overlay', 'normalize',
  'regexp_replace', 'regexp_split_to_array', 'regexp_count', 'regexp_like', 'convert_to', 'convert_from', 'similar_to_escape',
  'to_tsvector', 'to_tsquery', 'plainto_tsquery', 'phraseto_tsquery', 'websearch_to_tsquery', 'ts_rank',
  'ts_rank_cd', 'ts_headline', 'text', 'varchar', 'bpchar',
  // numbers
  'abs', 'round', 'trunc', 'ceil', 'ceiling', 'floor', 'sign', 'cbrt', 'exp', 'ln', 'log', 'log10', 'power',
  'pow', 'mod', 'div', 'gcd', 'lcm', 'factorial', 'width_bucket', 'degrees', 'radians',
  'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'sqrt',
  // dates and times
  'date_trunc', 'age', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'make_interval', 'to_timestamp', 'to_date', 'justify_days', 'justify_hours', 'justify_interval', 'date_bin',
  'timezone', 'isfinite', 'date',
  // ranges
  'isempty',
  // json
  'to_json', 'to_jsonb', 'row_to_json', 'array_to_json', 'jsonb_set', 'jsonb_insert', 'jsonb_strip_nulls',
  'json_strip_nulls', 'jsonb_pretty', 'jsonb_array_length', 'json_array_length', 'jsonb_contains', 'jsonb_exists',
  'jsonb_concat', 'jsonb_delete', 'jsonb_delete_path',
  // arrays
  'cardinality',
  // network, sequences, misc
  'host', 'network', 'masklen', 'family', 'broadcast', 'netmask', 'nextval', 'currval', 'setval', 'bool',
]);

/** `lower`/`upper` of a range return NULL for empty or unbounded ranges; of text, never. */
export const RANGE_AMBIGUOUS = new Set(['lower', 'upper']);

/** Built-in operators that always return a value for non-NULL operands (when every overload is built in and strict). */
export const VALUE_FOR_VALUES_OPERATORS = new Set([
  '+', '-', '*', '/', '%', '^', '=', '<>', '<', '>', '<=', '>=', '~~', '~~*', '!~~', '!~~*', '~', '~*',
  '!~', '!~*', '@>', '<@', '&&', '?', '?|', '?&', '#-', '<<', '>>', '|/', '||/',
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

/** Window functions that always produce a value (ntile, only for a non-NULL bucket count, has its own rule). */
export const RANKING_WINDOW = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist']);

/** Window functions returning their argument at some row of a non-empty frame. */
export const VALUE_OF_FRAME_ROW = new Set(['first_value', 'last_value']);

/** Set-returning built-ins whose every row is a value for non-NULL arguments. */
export const SERIES_OF_VALUES = new Set(['generate_series', 'generate_subscripts']);

/** Aggregates whose result over ≥ 1 row is non-NULL when their (first) argument is non-NULL. */
export const NON_NULL_OVER_NON_EMPTY = new Set([
  'min', 'max', 'sum', 'avg', 'bool_and', 'bool_or', 'every', 'bit_and', 'bit_or', 'bit_xor', 'string_agg',
]);

/** Aggregates whose result over ≥ 1 row is never NULL, whatever the arguments. */
export const NEVER_NULL_OVER_NON_EMPTY = new Set(['array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg']);

/** Comparison-like operators: a NULL operand makes the predicate NULL, i.e. the row is filtered. */
export const NULL_REJECTING_OPERATORS = new Set([
  '=', '<>', '<', '>', '<=', '>=', '~~', '~~*', '!~~', '!~~*', '~', '~*', '!~', '!~*', '@>', '<@', '&&',
]);

/** `||` is strict in every text, bytea, jsonb and array overload for the non-NULL case. */
export const CONCAT_OPERATOR = '||';
