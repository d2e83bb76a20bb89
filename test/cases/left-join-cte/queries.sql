-- LEFT JOIN to a CTE: the CTE's columns are nullable on the null side.

-- name: PostsWithCteAuthors :many
-- expect: title non-null, email nullable
WITH authors AS (SELECT id, email FROM users) SELECT p.title, a.email FROM posts p LEFT JOIN authors a ON a.id = p.user_id;
