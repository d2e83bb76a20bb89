-- Recursive CTE: a column nullable in any arm (the root's parent_id) is nullable; NOT NULL in every arm stays non-null.

-- name: Tree :many
-- expect: id non-null, parent_id nullable, name non-null, depth non-null
WITH RECURSIVE tree AS (
  SELECT id, parent_id, name, 0 AS depth FROM nodes WHERE parent_id IS NULL
  UNION ALL
  SELECT n.id, n.parent_id, n.name, t.depth + 1 FROM nodes n JOIN tree t ON n.parent_id = t.id
)
SELECT id, parent_id, name, depth FROM tree;
