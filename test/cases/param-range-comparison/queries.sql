-- Parameters compared with <, >, BETWEEN are non-null.

-- name: Between :many
-- expect: id non-null
-- expect params: lo non-null, hi non-null, floor non-null
SELECT id FROM users WHERE id BETWEEN :lo AND :hi AND id > :floor;
