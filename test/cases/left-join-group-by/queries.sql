-- LEFT JOIN under GROUP BY (an Aggregate above the join): the grouped right-side column is nullable.

-- name: PostsPerEmail :many
-- expect: email nullable, posts non-null
SELECT u.email, count(*) AS posts FROM posts p LEFT JOIN users u ON u.id = p.user_id GROUP BY u.email;
