-- `WITH x AS (DELETE … RETURNING …) SELECT`: columns follow the table's NOT NULL.

-- name: DeletedPosts :many
-- expect: id non-null, title non-null, body nullable
WITH gone AS (DELETE FROM posts WHERE id > 0 RETURNING id, title, body) SELECT g.id, g.title, g.body FROM gone g;
