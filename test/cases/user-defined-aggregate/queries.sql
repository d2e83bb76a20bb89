-- A user-defined aggregate may return NULL over a non-empty group of non-null values; built-in max() may not.

-- name: Grouped :many
-- expect: id non-null, top non-null, nothing nullable
SELECT id, max(id) AS top, nothing_agg(id) AS nothing FROM users GROUP BY id;
