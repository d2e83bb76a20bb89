-- LEFT JOIN USING: the merged column comes from the left side (non-null); the right side's own columns are nullable.

-- name: LeftUsing :many
-- expect: id non-null, left_name non-null, right_id nullable, right_name nullable
SELECT id, l.left_name, r.id AS right_id, r.right_name FROM left_items l LEFT JOIN right_items r USING (id);
