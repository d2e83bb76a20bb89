-- CURRENT_SCHEMA (SQL syntax) and current_schema() are NULL when no schema on the search_path exists.

-- name: NoSchema :many
-- expect: search_path over-nullable (reason: never NULL here — set_config() returns the new value, but it is not on the allow-list of value-returning built-ins), sql_syntax nullable, function_syntax nullable
SELECT x.s AS search_path, CURRENT_SCHEMA AS sql_syntax, current_schema() AS function_syntax
FROM (SELECT set_config('search_path', '', true) AS s) x;
