-- unnest() of an array column: elements are nullable even when the column is NOT NULL.

-- name: Tags :many
-- expect: id non-null, tag nullable
SELECT a.id, t.tag FROM articles a, unnest(a.tags) AS t(tag);
