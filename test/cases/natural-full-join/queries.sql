-- NATURAL FULL JOIN: the merged column is non-null (both keys NOT NULL), all other columns nullable.

-- name: NaturalFull :many
SELECT * FROM left_items NATURAL FULL JOIN right_items;
