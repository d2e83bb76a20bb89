-- A LIKE pattern parameter is non-null.

-- name: Matching :many
SELECT id FROM users WHERE email LIKE :pattern;
