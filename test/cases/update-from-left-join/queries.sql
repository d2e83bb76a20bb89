-- UPDATE … FROM with a LEFT JOIN: the joined table's columns are nullable in RETURNING.

-- name: Touch :many
-- expect: id non-null, title non-null, email nullable
UPDATE posts p SET title = p.title FROM posts p2 LEFT JOIN users u ON u.id = p2.user_id WHERE p2.id = p.id RETURNING p.id, p.title, u.email;
