-- GROUP BY a nullable column: the key is nullable (NULL forms its own group); max of a NOT NULL column is not.

-- name: PerUser :many
-- expect: user_id nullable, max_id non-null
SELECT p.user_id, max(p.id) AS max_id FROM posts p GROUP BY p.user_id;
