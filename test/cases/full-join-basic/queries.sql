-- FULL JOIN: both sides are nullable.

-- name: Everything :many
-- expect: title nullable, email nullable
SELECT p.title, u.email FROM posts p FULL JOIN users u ON u.id = p.user_id;
