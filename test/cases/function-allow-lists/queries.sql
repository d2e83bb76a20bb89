-- The allow-lists of src/infer/engine/function-rules.ts, one call per listed name: a built-in
-- strict function or operator on the list is non-null for non-NULL arguments, and PostgreSQL
-- returns a value for each call below (edge inputs where one is cheap: empty strings and arrays,
-- infinite timestamps, JSON null). A name dropped from a list turns its column nullable; a name
-- that does not belong on a list shows up as a NULL under a non-null verdict (see NullForValues:
-- to_char, to_number, date_part and extract return NULL for some non-NULL arguments).
-- allow-list-coverage.test.ts checks that every listed name has its call here.

-- name: TextFunctions :one
-- expect: lower non-null, upper non-null, initcap non-null, length non-null, char_length non-null
-- expect: character_length non-null, octet_length non-null, bit_length non-null, btrim non-null
-- expect: ltrim non-null, rtrim non-null, substr non-null, left non-null, right non-null, lpad non-null
-- expect: rpad non-null, repeat non-null, replace non-null, reverse non-null, strpos non-null
-- expect: position non-null, split_part non-null, translate non-null, md5 non-null, sha224 non-null
-- expect: sha256 non-null, sha384 non-null, sha512 non-null, encode non-null, decode non-null
-- expect: to_hex non-null, ascii non-null, chr non-null, quote_ident non-null, quote_literal non-null
-- expect: starts_with non-null, overlay non-null, normalize non-null, regexp_replace non-null
-- expect: regexp_split_to_array non-null, regexp_count non-null, regexp_like non-null
-- expect: convert_to non-null, convert_from non-null, similar_to_escape non-null
-- expect: to_tsvector non-null, to_tsquery non-null, plainto_tsquery non-null, phraseto_tsquery non-null
-- expect: websearch_to_tsquery non-null, ts_rank non-null, ts_rank_cd non-null, ts_headline non-null
-- expect: text non-null, varchar non-null, bpchar non-null
SELECT lower('ABC') AS lower, upper('abc') AS upper, initcap('hello world') AS initcap,
       length('') AS length, char_length('') AS char_length, character_length('abc') AS character_length,
       octet_length('') AS octet_length, bit_length('') AS bit_length,
       btrim('  ') AS btrim, ltrim(' a') AS ltrim, rtrim('a ') AS rtrim,
       substr('abc', 5) AS substr, left('abc', -5) AS left, right('abc', 10) AS right,
       lpad('a', 0) AS lpad, rpad('a', 3, '') AS rpad, repeat('ab', 0) AS repeat,
       replace('abc', 'b', '') AS replace, reverse('') AS reverse, strpos('abc', 'z') AS strpos,
       position('z' IN 'abc') AS position, split_part('a,b', ',', 5) AS split_part,
       translate('abc', 'b', '') AS translate, md5('') AS md5,
       sha224(''::bytea) AS sha224, sha256(''::bytea) AS sha256, sha384(''::bytea) AS sha384, sha512(''::bytea) AS sha512,
       encode(''::bytea, 'hex') AS encode, decode('', 'hex') AS decode, to_hex(0) AS to_hex,
       ascii('') AS ascii, chr(65) AS chr, quote_ident('a b') AS quote_ident, quote_literal('it''s') AS quote_literal,
       starts_with('abc', '') AS starts_with, overlay('abc' PLACING '' FROM 2) AS overlay,
       normalize('abc', NFC) AS normalize, regexp_replace('abc', 'z', 'y') AS regexp_replace,
       regexp_split_to_array('', ',') AS regexp_split_to_array, regexp_count('abc', 'z') AS regexp_count,
       regexp_like('abc', 'z') AS regexp_like, convert_to('abc', 'UTF8') AS convert_to,
       convert_from('\x61'::bytea, 'UTF8') AS convert_from, similar_to_escape('a%') AS similar_to_escape,
       to_tsvector('simple', '') AS to_tsvector, to_tsquery('simple', '') AS to_tsquery,
       plainto_tsquery('simple', '') AS plainto_tsquery, phraseto_tsquery('simple', '') AS phraseto_tsquery,
       websearch_to_tsquery('simple', '') AS websearch_to_tsquery,
       ts_rank(to_tsvector('simple', 'a'), to_tsquery('simple', 'b')) AS ts_rank,
       ts_rank_cd(to_tsvector('simple', 'a'), to_tsquery('simple', 'b')) AS ts_rank_cd,
       ts_headline('simple', '', to_tsquery('simple', 'b')) AS ts_headline,
       text(true) AS text, pg_catalog.varchar('a'::name) AS varchar, bpchar('a'::name) AS bpchar;

-- name: NumberFunctions :one
-- expect: abs non-null, round non-null, trunc non-null, ceil non-null, ceiling non-null, floor non-null
-- expect: sign non-null, cbrt non-null, exp non-null, ln non-null, log non-null, log10 non-null
-- expect: power non-null, pow non-null, mod non-null, div non-null, gcd non-null, lcm non-null
-- expect: factorial non-null, width_bucket non-null, degrees non-null, radians non-null
-- expect: int2 non-null, int4 non-null, int8 non-null, float4 non-null, float8 non-null, numeric non-null
-- expect: sqrt non-null
SELECT abs(-1) AS abs, round('NaN'::numeric) AS round, trunc(-1.5) AS trunc, ceil(1.5) AS ceil,
       ceiling(1.5) AS ceiling, floor(1.5) AS floor, sign(0) AS sign, cbrt(8) AS cbrt, exp(0) AS exp,
       ln(1) AS ln, log(100) AS log, log10(100) AS log10, power(2, 3) AS power, pow(2, 3) AS pow,
       mod(5, 3) AS mod, div(5, 3) AS div, gcd(0, 0) AS gcd, lcm(0, 0) AS lcm, factorial(0) AS factorial,
       width_bucket(5, 0, 10, 2) AS width_bucket, degrees(1) AS degrees, radians(1) AS radians,
       int2(1.5) AS int2, int4(1.5) AS int4, int8(1.5) AS int8, float4(1) AS float4, float8(1) AS float8,
       pg_catalog.numeric(1) AS numeric, sqrt(4) AS sqrt;

-- name: DateFunctions :one
-- expect: date_trunc non-null, age non-null, make_date non-null, make_time non-null, make_timestamp non-null
-- expect: make_timestamptz non-null, make_interval non-null, to_timestamp non-null, to_date non-null
-- expect: justify_days non-null, justify_hours non-null, justify_interval non-null, date_bin non-null
-- expect: timezone non-null, isfinite non-null, date non-null, isempty non-null
SELECT date_trunc('hour', 'infinity'::timestamp) AS date_trunc,
       age('2024-01-02'::timestamp, '2024-01-01'::timestamp) AS age,
       make_date(2024, 1, 2) AS make_date, make_time(1, 2, 3) AS make_time,
       make_timestamp(2024, 1, 2, 3, 4, 5) AS make_timestamp,
       make_timestamptz(2024, 1, 2, 3, 4, 5, 'UTC') AS make_timestamptz, make_interval(1) AS make_interval,
       to_timestamp('infinity'::float8) AS to_timestamp, to_date('', '') AS to_date,
       justify_days('40 days'::interval) AS justify_days, justify_hours('30 hours'::interval) AS justify_hours,
       justify_interval('-1 day 30 hours'::interval) AS justify_interval,
       date_bin('1 day', 'infinity'::timestamp, '2020-01-01'::timestamp) AS date_bin,
       timezone('UTC', 'infinity'::timestamptz) AS timezone, isfinite('infinity'::date) AS isfinite,
       date('infinity'::timestamp) AS date, isempty('empty'::int4range) AS isempty;

-- name: JsonArrayNetworkFunctions :one
-- expect: to_json non-null, to_jsonb non-null, row_to_json non-null, array_to_json non-null
-- expect: jsonb_set non-null, jsonb_insert non-null, jsonb_strip_nulls non-null, json_strip_nulls non-null
-- expect: jsonb_pretty non-null, jsonb_array_length non-null, json_array_length non-null
-- expect: jsonb_contains non-null, jsonb_exists non-null, jsonb_concat non-null, jsonb_delete non-null
-- expect: jsonb_delete_path non-null, cardinality non-null, host non-null, network non-null
-- expect: masklen non-null, family non-null, broadcast non-null, netmask non-null, bool non-null
SELECT to_json(1) AS to_json, to_jsonb('a'::text) AS to_jsonb, row_to_json(ROW(1)) AS row_to_json,
       array_to_json('{}'::int[]) AS array_to_json,
       jsonb_set('{"a": 1}'::jsonb, '{b,c}', '1'::jsonb) AS jsonb_set,
       jsonb_insert('[1]'::jsonb, '{5}', '2'::jsonb) AS jsonb_insert,
       jsonb_strip_nulls('{"a": null}'::jsonb) AS jsonb_strip_nulls, json_strip_nulls('{"a": null}'::json) AS json_strip_nulls,
       jsonb_pretty('null'::jsonb) AS jsonb_pretty, jsonb_array_length('[]'::jsonb) AS jsonb_array_length,
       json_array_length('[]'::json) AS json_array_length, jsonb_contains('{}'::jsonb, '{}'::jsonb) AS jsonb_contains,
       jsonb_exists('{}'::jsonb, 'a') AS jsonb_exists, jsonb_concat('{}'::jsonb, 'null'::jsonb) AS jsonb_concat,
       jsonb_delete('{}'::jsonb, 'a') AS jsonb_delete, jsonb_delete_path('{}'::jsonb, '{a}') AS jsonb_delete_path,
       cardinality('{}'::int[]) AS cardinality, host('1.2.3.4'::inet) AS host, network('1.2.3.4/8'::inet) AS network,
       masklen('1.2.3.4'::inet) AS masklen, family('::1'::inet) AS family, broadcast('1.2.3.4/8'::inet) AS broadcast,
       netmask('1.2.3.4/8'::inet) AS netmask, bool(0) AS bool;

-- setval runs when the outer query reads the CTE's row, so currval has a value by then.
-- name: SequenceFunctions :one
-- expect: setval non-null, currval non-null, nextval non-null
WITH bumped AS MATERIALIZED (SELECT setval('counter', 5) AS setval)
SELECT setval, currval('counter') AS currval, nextval('counter') AS nextval FROM bumped;

-- name: Operators :one
-- expect: plus non-null, minus non-null, times non-null, divide non-null, modulo non-null, power non-null
-- expect: eq non-null, ne non-null, lt non-null, gt non-null, le non-null, ge non-null
-- expect: like non-null, ilike non-null, not_like non-null, not_ilike non-null, regex non-null
-- expect: iregex non-null, not_regex non-null, not_iregex non-null, contains non-null, contained non-null
-- expect: overlaps non-null, has_key non-null, has_any_key non-null, has_all_keys non-null
-- expect: delete_path non-null, shift_left non-null, shift_right non-null, square_root non-null
-- expect: cube_root non-null, concat non-null
SELECT 1 + 1 AS plus, 3 - 1 AS minus, 2 * 3 AS times, 6 / 2 AS divide, 5 % 3 AS modulo, 2 ^ 3 AS power,
       1 = 1 AS eq, 1 <> 2 AS ne, 1 < 2 AS lt, 1 > 2 AS gt, 1 <= 2 AS le, 1 >= 2 AS ge,
       'abc' ~~ 'a%' AS like, 'abc' ~~* 'A%' AS ilike, 'abc' !~~ 'z%' AS not_like, 'abc' !~~* 'Z%' AS not_ilike,
       'abc' ~ '^a' AS regex, 'abc' ~* '^A' AS iregex, 'abc' !~ 'z' AS not_regex, 'abc' !~* 'Z' AS not_iregex,
       ARRAY[1, 2] @> ARRAY[1] AS contains, ARRAY[1] <@ ARRAY[1, 2] AS contained, ARRAY[1] && ARRAY[2] AS overlaps,
       '{"a": 1}'::jsonb ? 'a' AS has_key, '{"a": 1}'::jsonb ?| '{b}' AS has_any_key,
       '{"a": 1}'::jsonb ?& '{a}' AS has_all_keys, '{"a": 1}'::jsonb #- '{a}' AS delete_path,
       1 << 2 AS shift_left, 8 >> 1 AS shift_right, |/ 4.0 AS square_root, ||/ 8.0 AS cube_root,
       '' || '' AS concat;

-- Each conjunct is a null-rejecting operator on a nullable column of its own alias of things.
-- name: NullRejectingOperators :many
-- expect: eq non-null, ne non-null, lt non-null, gt non-null, le non-null, ge non-null, like non-null
-- expect: ilike non-null, not_like non-null, not_ilike non-null, regex non-null, iregex non-null
-- expect: not_regex non-null, not_iregex non-null, contains non-null, contained non-null, overlaps non-null
SELECT a.label AS eq, b.label AS ne, c.label AS lt, d.label AS gt, e.label AS le, f.label AS ge,
       g.label AS like, h.label AS ilike, i.label AS not_like, j.label AS not_ilike, k.label AS regex,
       l.label AS iregex, m.label AS not_regex, n.label AS not_iregex,
       o.tags AS contains, p.tags AS contained, q.tags AS overlaps
FROM things a, things b, things c, things d, things e, things f, things g, things h, things i,
     things j, things k, things l, things m, things n, things o, things p, things q
WHERE a.label = 'first' AND b.label <> 'x' AND c.label < 'z' AND d.label > 'a' AND e.label <= 'z'
  AND f.label >= 'a' AND g.label ~~ 'f%' AND h.label ~~* 'F%' AND i.label !~~ 'x%' AND j.label !~~* 'X%'
  AND k.label ~ '^f' AND l.label ~* '^F' AND m.label !~ 'x' AND n.label !~* 'X'
  AND o.tags @> '{1}' AND p.tags <@ '{1,2,3}' AND q.tags && '{2}';

-- name: NoArgumentFunctions :one
-- expect: now non-null, clock_timestamp non-null, statement_timestamp non-null
-- expect: transaction_timestamp non-null, timeofday non-null, random non-null, gen_random_uuid non-null
-- expect: pg_backend_pid non-null, version non-null, current_database non-null, txid_current non-null
-- expect: pg_current_xact_id non-null, pg_postmaster_start_time non-null, current_user non-null
-- expect: session_user non-null
SELECT now() AS now, clock_timestamp() AS clock_timestamp, statement_timestamp() AS statement_timestamp,
       transaction_timestamp() AS transaction_timestamp, timeofday() AS timeofday, random() AS random,
       gen_random_uuid() AS gen_random_uuid, pg_backend_pid() AS pg_backend_pid, version() AS version,
       current_database() AS current_database, txid_current() AS txid_current,
       pg_current_xact_id() AS pg_current_xact_id, pg_postmaster_start_time() AS pg_postmaster_start_time,
       pg_catalog.current_user() AS current_user, pg_catalog.session_user() AS session_user;

-- Not strict: they skip or print NULL arguments (concat_ws and format only need their first).
-- name: NonStrictFunctions :one
-- expect: concat non-null, json_build_object non-null, json_build_array non-null
-- expect: jsonb_build_object non-null, jsonb_build_array non-null, num_nulls non-null
-- expect: num_nonnulls non-null, concat_ws non-null, format non-null
SELECT concat(NULL) AS concat, json_build_object('a', NULL) AS json_build_object,
       json_build_array(NULL) AS json_build_array, jsonb_build_object('a', NULL) AS jsonb_build_object,
       jsonb_build_array(NULL) AS jsonb_build_array, num_nulls(NULL) AS num_nulls,
       num_nonnulls(NULL) AS num_nonnulls, concat_ws(',', NULL) AS concat_ws, format('%s', NULL) AS format;

-- name: WindowFunctions :many
-- expect: row_number non-null, rank non-null, dense_rank non-null, percent_rank non-null
-- expect: cume_dist non-null, ntile non-null, first_value non-null, last_value non-null
SELECT row_number() OVER (ORDER BY id) AS row_number, rank() OVER (ORDER BY id) AS rank,
       dense_rank() OVER (ORDER BY id) AS dense_rank, percent_rank() OVER (ORDER BY id) AS percent_rank,
       cume_dist() OVER (ORDER BY id) AS cume_dist, ntile(2) OVER (ORDER BY id) AS ntile,
       first_value(id) OVER (ORDER BY id) AS first_value, last_value(id) OVER (ORDER BY id) AS last_value
FROM things;

-- name: GenerateSeries :many
-- expect: generate_series non-null
SELECT generate_series(1, 3) AS generate_series;

-- name: GenerateSubscripts :many
-- expect: generate_subscripts non-null
SELECT generate_subscripts(ARRAY[1, 2], 1) AS generate_subscripts;

-- Each group has a row; the second thing's NULL label is in the array and JSON aggregates.
-- name: Aggregates :many
-- expect: min non-null, max non-null, sum non-null, avg non-null, bool_and non-null, bool_or non-null
-- expect: every non-null, bit_and non-null, bit_or non-null, bit_xor non-null, string_agg non-null
-- expect: array_agg non-null, json_agg non-null, jsonb_agg non-null, json_object_agg non-null
-- expect: jsonb_object_agg non-null
SELECT min(id) AS min, max(id) AS max, sum(id) AS sum, avg(id) AS avg, bool_and(id > 0) AS bool_and,
       bool_or(id > 0) AS bool_or, every(id > 0) AS every, bit_and(id) AS bit_and, bit_or(id) AS bit_or,
       bit_xor(id) AS bit_xor, string_agg('x', ',') AS string_agg, array_agg(label) AS array_agg,
       json_agg(label) AS json_agg, jsonb_agg(label) AS jsonb_agg, json_object_agg('k', label) AS json_object_agg,
       jsonb_object_agg('k', label) AS jsonb_object_agg
FROM things
GROUP BY id;

-- Built-in and strict, yet NULL for these non-NULL arguments: off the lists, so nullable. So are
-- lower/upper of a range (RANGE_AMBIGUOUS: only their text overloads always return a value), and
-- concat_ws/format with a NULL first argument.
-- name: NullForValues :one
-- expect: to_char nullable, to_number nullable, date_part nullable, extract nullable, scale nullable
-- expect: lower_of_range nullable, upper_of_range nullable, concat_ws nullable, format nullable
SELECT to_char('infinity'::timestamp, 'YYYY') AS to_char, to_number('1', '') AS to_number,
       date_part('hour', 'infinity'::timestamp) AS date_part, extract(hour FROM 'infinity'::timestamp) AS extract,
       scale('NaN'::numeric) AS scale, lower('empty'::int4range) AS lower_of_range,
       upper('[1,)'::int4range) AS upper_of_range,
       concat_ws(NULL, 'a') AS concat_ws, format(NULL) AS format;
