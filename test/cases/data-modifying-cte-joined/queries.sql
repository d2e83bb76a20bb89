-- A data-modifying CTE LEFT JOINed to a table: the joined table is on the null side.

-- name: UpdatedWithAuthors :many
-- expect: id non-null, email nullable
WITH upd AS (UPDATE posts SET body = body RETURNING id, user_id) SELECT upd.id, u.email FROM upd LEFT JOIN users u ON u.id = upd.user_id;
