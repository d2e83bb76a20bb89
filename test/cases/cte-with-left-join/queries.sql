-- A LEFT JOIN inside a CTE: its null-extended columns stay nullable outside.

-- name: ThroughCte :many
-- expect: title non-null, email nullable
WITH pu AS (SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id) SELECT title, email FROM pu;
