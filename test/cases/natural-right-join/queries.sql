-- NATURAL RIGHT JOIN: the merged column is non-null, left-only columns are nullable.

-- name: NaturalRight :many
SELECT * FROM left_items NATURAL RIGHT JOIN right_items;
