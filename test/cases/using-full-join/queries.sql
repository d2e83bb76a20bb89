-- FULL JOIN USING: the merged column is COALESCE(l.id, r.id), non-null when both keys are NOT NULL.

-- name: FullUsing :many
SELECT id, l.left_name, r.right_name FROM left_items l FULL JOIN right_items r USING (id);
