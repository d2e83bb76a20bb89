-- Parameters in `IN (:a, :b)` are non-null.

-- name: Two :many
SELECT id FROM users WHERE id IN (:a, :b);
