-- SELECT DISTINCT ON keeps nullability.

-- name: FirstPostPerUser :many
SELECT DISTINCT ON (user_id) user_id, title, body FROM posts ORDER BY user_id, id;
