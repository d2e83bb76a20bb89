-- A parameter compared with = is non-null (NULL would never match).

-- name: ByEmail :many
-- expect: id non-null
-- expect params: email non-null
SELECT id FROM users WHERE email = :email;
