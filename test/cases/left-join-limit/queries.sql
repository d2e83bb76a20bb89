-- LEFT JOIN under LIMIT (a Limit above the join) is still null-extended.

-- name: FirstPosts :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id ORDER BY p.id LIMIT 10;
