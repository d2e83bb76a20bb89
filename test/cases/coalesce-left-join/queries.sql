-- COALESCE over null-extended columns: non-null with a literal fallback, nullable when every argument can be NULL.

-- name: Authors :many
-- expect: author non-null, name nullable
SELECT coalesce(u.email, 'nobody') AS author, coalesce(u.display_name, u.email) AS name FROM posts p LEFT JOIN users u ON u.id = p.user_id;
