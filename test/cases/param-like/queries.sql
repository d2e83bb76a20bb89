-- A LIKE pattern parameter is non-null.

-- name: Matching :many
-- expect: id non-null
-- expect params: pattern non-null
SELECT id FROM users WHERE email LIKE :pattern;
