-- With GROUP BY every group is non-empty: min/max of a NOT NULL column is non-null, of a nullable column nullable.

-- name: PerTitle :many
-- expect: title non-null, max_id non-null, min_title non-null, max_body nullable
SELECT p.title, max(p.id) AS max_id, min(p.title) AS min_title, max(p.body) AS max_body FROM posts p GROUP BY p.title;
