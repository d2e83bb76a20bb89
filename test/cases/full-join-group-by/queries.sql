-- FULL JOIN under GROUP BY: grouped columns of either side are nullable; count() is not.

-- name: PostsPerUser :many
-- expect: email nullable, n non-null
SELECT u.email, count(p.id) AS n FROM posts p FULL JOIN users u ON u.id = p.user_id GROUP BY u.email;
