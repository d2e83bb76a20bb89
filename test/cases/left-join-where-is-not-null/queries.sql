-- WHERE u.id IS NOT NULL after a LEFT JOIN narrows u.id (and, rows being matched, u's NOT NULL columns); u's nullable columns stay nullable.

-- name: MatchedOnly :many
-- expect: title non-null, author_id non-null, email non-null, display_name nullable
SELECT p.title, u.id AS author_id, u.email, u.display_name FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NOT NULL;
