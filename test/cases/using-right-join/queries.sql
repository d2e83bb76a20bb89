-- RIGHT JOIN USING: the merged column comes from the right side (non-null); the left side's columns are nullable.

-- name: RightUsing :many
-- expect: id non-null, left_id nullable, left_name nullable, right_name non-null
SELECT id, l.id AS left_id, l.left_name, r.right_name FROM left_items l RIGHT JOIN right_items r USING (id);
