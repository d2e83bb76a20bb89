-- `x = ANY(array)` / `x <> ALL(array)` are NULL when x is not found and the (non-null) array holds a NULL element.

-- name: Membership :many
-- expect: id non-null, any_literal nullable, has_sql nullable, all_literal nullable
SELECT id,
       id = ANY(ARRAY[1, NULL]) AS any_literal,
       'sql' = ANY(tags) AS has_sql,
       id <> ALL(ARRAY[1, NULL]) AS all_literal
FROM articles;
