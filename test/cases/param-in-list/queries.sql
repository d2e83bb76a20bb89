-- Parameters in `IN (:a, :b)` are non-null.

-- name: Two :many
-- expect: id non-null
-- expect params: a non-null, b non-null
SELECT id FROM users WHERE id IN (:a, :b);
