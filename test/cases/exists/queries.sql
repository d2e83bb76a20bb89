-- EXISTS and NOT EXISTS are never NULL.

-- name: Writers :many
SELECT u.email,
       EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id) AS has_posts,
       NOT EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id) AS no_posts
FROM users u;
