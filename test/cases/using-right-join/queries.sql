-- RIGHT JOIN USING: the merged column comes from the right side (non-null); the left side's columns are nullable.

-- name: RightUsing :many
SELECT id, l.id AS left_id, l.left_name, r.right_name FROM left_items l RIGHT JOIN right_items r USING (id);
