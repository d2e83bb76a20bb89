-- SELECT DISTINCT ON keeps nullability.

-- name: FirstPostPerUser :many
-- expect: user_id nullable, title non-null, body nullable
SELECT DISTINCT ON (user_id) user_id, title, body FROM posts ORDER BY user_id, id;
