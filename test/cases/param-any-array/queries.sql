-- An array parameter in `= ANY(:ids)` is non-null.

-- name: Many :many
-- expect: id non-null
-- expect params: ids non-null
SELECT id FROM users WHERE id = ANY(:ids);
