-- `JOIN … USING (id) AS j` (PostgreSQL 14+): j.id is the merged column.

-- name: UsingAlias :many
-- expect: id non-null, left_name non-null, right_name nullable
SELECT j.id, l.left_name, r.right_name FROM left_items l LEFT JOIN right_items r USING (id) AS j;
