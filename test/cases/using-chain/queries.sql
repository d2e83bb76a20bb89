-- `l LEFT JOIN r USING (id) RIGHT JOIN x USING (id)`: the final merged id comes from x (non-null); l and r are on the null side.

-- name: Chained :many
-- expect: id non-null, left_name nullable, right_name nullable, extra_name non-null
SELECT id, l.left_name, r.right_name, x.extra_name FROM left_items l LEFT JOIN right_items r USING (id) RIGHT JOIN extra_items x USING (id);
