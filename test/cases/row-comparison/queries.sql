-- A row comparison is NULL when a compared field is NULL, although ROW(…) itself is never NULL.

-- name: Rows :many
-- expect: id non-null, row_eq nullable, row_lt nullable, row_is_null non-null
SELECT id, (age, id) = (34, 2) AS row_eq, (age, id) < (40, 9) AS row_lt, ROW(age, id) IS NULL AS row_is_null FROM users;
