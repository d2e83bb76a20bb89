-- Anti-join (`LEFT JOIN … WHERE u.id IS NULL`): the right side is always NULL.

-- name: Orphans :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL;
