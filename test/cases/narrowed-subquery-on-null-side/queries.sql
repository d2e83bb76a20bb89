-- A subquery narrowed by its own WHERE is still null-extended when it is the right side of a LEFT JOIN.

-- name: NarrowedButJoined :many
-- expect: title non-null, display_name nullable
SELECT p.title, u.display_name FROM posts p LEFT JOIN (SELECT id, display_name FROM users WHERE display_name IS NOT NULL) u ON u.id = p.user_id;
