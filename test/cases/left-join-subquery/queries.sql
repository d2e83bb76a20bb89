-- LEFT JOIN to a subquery: its columns are nullable on the null side.

-- name: PostsWithSubqueryAuthors :many
-- expect: title non-null, email nullable
SELECT p.title, a.email FROM posts p LEFT JOIN (SELECT id, email FROM users) a ON a.id = p.user_id;
