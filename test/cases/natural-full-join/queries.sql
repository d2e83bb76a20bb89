-- NATURAL FULL JOIN: the merged column is COALESCE(l.id, r.id), non-null because both keys are NOT NULL; all other
-- columns nullable.

-- name: NaturalFull :many
-- expect: id non-null, left_name nullable, right_name nullable
SELECT * FROM left_items NATURAL FULL JOIN right_items;
