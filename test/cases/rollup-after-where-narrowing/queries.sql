-- A column narrowed by WHERE is still NULL in the ROLLUP total row.

-- name: Rolled :many
-- expect: user_id nullable, n non-null
SELECT user_id, count(*) AS n FROM posts WHERE user_id IS NOT NULL GROUP BY ROLLUP (user_id);
