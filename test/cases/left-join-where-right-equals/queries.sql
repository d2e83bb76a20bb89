-- WHERE u.display_name = 'Ann' after a LEFT JOIN narrows u.display_name to non-null.

-- name: AnnPosts :many
-- expect: title non-null, display_name non-null
SELECT p.title, u.display_name FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE u.display_name = 'Ann';
