-- An inner-join ON condition `u.id = p.user_id` makes p.user_id non-null.

-- name: Authored :many
-- expect: title non-null, user_id non-null
SELECT p.title, p.user_id FROM posts p JOIN users u ON u.id = p.user_id;
