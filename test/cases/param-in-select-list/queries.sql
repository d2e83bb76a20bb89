-- A result column that echoes a parameter is nullable unless the parameter is non-null.

-- name: Echo :many
-- expect: label nullable, id non-null
-- expect params: label nullable
SELECT :label::text AS label, id FROM users;

-- name: EchoRequired :many
-- expect: label non-null, id non-null
-- expect params: label non-null
SELECT :label!::text AS label, id FROM users;
