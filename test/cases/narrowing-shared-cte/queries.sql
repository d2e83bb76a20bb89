-- Narrowing one reference to a CTE must not narrow another reference to the same CTE.

-- name: TwoReferences :many
-- expect: display_name nullable, other_name non-null
WITH c AS (SELECT id, display_name FROM users)
SELECT a.display_name, b.display_name AS other_name FROM c a CROSS JOIN c b WHERE b.display_name IS NOT NULL;

-- name: UnionArms :many
-- expect: display_name nullable
WITH c AS (SELECT id, display_name FROM users)
SELECT display_name FROM c WHERE display_name IS NOT NULL
UNION ALL
SELECT display_name FROM c;

-- name: InExists :many
-- expect: display_name nullable
WITH c AS (SELECT id, display_name FROM users)
SELECT display_name FROM c WHERE EXISTS (SELECT 1 FROM c c2 WHERE c2.display_name IS NOT NULL);
