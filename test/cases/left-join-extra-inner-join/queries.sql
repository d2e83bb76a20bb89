-- An extra INNER JOIN before or after the LEFT JOIN does not make the LEFT JOIN's right side non-null.

-- name: InnerAfterLeft :many
-- expect: title non-null, email nullable, views non-null
SELECT p.title, u.email, s.views FROM posts p LEFT JOIN users u ON u.id = p.user_id JOIN post_stats s ON s.post_id = p.id;

-- name: InnerBeforeLeft :many
-- expect: title non-null, email nullable, views non-null
SELECT p.title, u.email, s.views FROM posts p JOIN post_stats s ON s.post_id = p.id LEFT JOIN users u ON u.id = p.user_id;
