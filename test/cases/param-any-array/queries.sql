-- An array parameter in `= ANY(:ids)` is non-null.

-- name: Many :many
SELECT id FROM users WHERE id = ANY(:ids);
