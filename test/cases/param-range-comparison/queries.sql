-- Parameters compared with <, >, BETWEEN are non-null.

-- name: Between :many
SELECT id FROM users WHERE id BETWEEN :lo AND :hi AND id > :floor;
