-- FULL JOIN USING: the merged column is COALESCE(l.id, r.id), non-null when both keys are non-null (judged before the
-- FULL JOIN null-extends either side); an outer join above still null-extends it.

-- name: FullUsing :many
-- expect: id non-null, left_name nullable, right_name nullable
SELECT id, l.left_name, r.right_name FROM left_items l FULL JOIN right_items r USING (id);

-- name: FullUsingUnderLeftJoin :many
-- expect: n non-null, id nullable
SELECT x.n, id FROM (VALUES (1), (2)) AS x(n) LEFT JOIN (left_items l FULL JOIN right_items r USING (id)) ON x.n = 1;

-- name: ChainedFullUsing :many
-- expect: id non-null
SELECT id FROM left_items FULL JOIN right_items USING (id) FULL JOIN (VALUES (4)) AS x(id) USING (id);

-- name: NullableKeyFromSubquery :many
-- expect: id nullable
SELECT id FROM (SELECT r.id FROM left_items l LEFT JOIN right_items r ON r.id = l.id) a FULL JOIN right_items b USING (id);
