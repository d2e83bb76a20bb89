-- Column qualifiers resolve by alias, not table name: `posts AS users` is posts; the real users (u) is on the null side.

-- name: Confusing :many
-- expect: title non-null, email nullable
SELECT users.title, u.email FROM posts AS users LEFT JOIN users u ON u.id = users.user_id;
