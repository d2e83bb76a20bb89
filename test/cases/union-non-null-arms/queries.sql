-- UNION of non-null arms is non-null (names come from the first arm).

-- name: Labels :many
-- expect: id non-null, label non-null
SELECT id, email AS label FROM users UNION SELECT id, title FROM posts;
