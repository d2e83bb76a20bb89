-- NATURAL RIGHT JOIN: the merged column is non-null, left-only columns are nullable.

-- name: NaturalRight :many
-- expect: id non-null, left_name nullable, right_name non-null
SELECT * FROM left_items NATURAL RIGHT JOIN right_items;
