-- A parameter compared with = is non-null (NULL would never match).

-- name: ByEmail :many
SELECT id FROM users WHERE email = :email;
