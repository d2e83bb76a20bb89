-- SELECT DISTINCT over a LEFT JOIN: the right side stays nullable.

-- name: DistinctAuthors :many
-- expect: email nullable, display_name nullable
SELECT DISTINCT u.email, u.display_name FROM posts p LEFT JOIN users u ON u.id = p.user_id;
