-- NATURAL LEFT JOIN: the merged column is non-null, right-only columns are nullable.

-- name: NaturalLeft :many
-- expect: id non-null, left_name non-null, right_name nullable
SELECT * FROM left_items NATURAL LEFT JOIN right_items;
