-- CURRENT_SCHEMA (SQL syntax) and current_schema() are NULL when no schema on the search_path exists.

-- name: NoSchema :many
SELECT x.s AS search_path, CURRENT_SCHEMA AS sql_syntax, current_schema() AS function_syntax
FROM (SELECT set_config('search_path', '', true) AS s) x;
