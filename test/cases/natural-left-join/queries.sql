-- NATURAL LEFT JOIN: the merged column is non-null, right-only columns are nullable.

-- name: NaturalLeft :many
SELECT * FROM left_items NATURAL LEFT JOIN right_items;
