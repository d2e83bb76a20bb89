-- EXISTS and NOT EXISTS are never NULL.

-- name: Writers :many
-- expect: email non-null, has_posts non-null, no_posts non-null
SELECT u.email,
       EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id) AS has_posts,
       NOT EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id) AS no_posts
FROM users u;
