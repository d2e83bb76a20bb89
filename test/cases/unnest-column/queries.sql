-- unnest() of an array column: elements are nullable even when the column is NOT NULL.

-- name: Tags :many
SELECT a.id, t.tag FROM articles a, unnest(a.tags) AS t(tag);
