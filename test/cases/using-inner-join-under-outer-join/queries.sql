-- The merged column of an inner JOIN USING is non-null in every joined row, but an outer join above can
-- null-extend the whole inner join: then the merged column (and a USING alias of it) is NULL.

-- name: InnerUsing :many
-- expect: id non-null, left_name non-null, right_name non-null
SELECT id, l.left_name, r.right_name FROM left_items l JOIN right_items r USING (id);

-- name: UnderLeftJoin :many
-- expect: n non-null, id nullable
SELECT x.n, id FROM (VALUES (1), (2)) AS x(n) LEFT JOIN (left_items l JOIN right_items r USING (id)) ON x.n = 1;

-- name: AliasUnderLeftJoin :many
-- expect: n non-null, id nullable
SELECT x.n, j.id FROM (VALUES (1), (2)) AS x(n) LEFT JOIN (left_items l JOIN right_items r USING (id) AS j) ON x.n = 1;
