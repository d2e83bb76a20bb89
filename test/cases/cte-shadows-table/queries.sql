-- A CTE named like a table hides the table: `users` below is the CTE, whose email comes from a LEFT JOIN.

-- name: ShadowingCte :many
-- expect: id non-null, email nullable
WITH users AS (SELECT p.id, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id) SELECT id, email FROM users;
