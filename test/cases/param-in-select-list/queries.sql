-- A result column that echoes a parameter is nullable unless the parameter is non-null.

-- name: Echo :many
SELECT :label::text AS label, id FROM users;
