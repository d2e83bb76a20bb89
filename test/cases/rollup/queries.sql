-- ROLLUP: the rolled-up NOT NULL column is NULL in the total row; grouping() is non-null.

-- name: Rolled :many
-- expect: title nullable, n non-null, is_total non-null
SELECT p.title, count(*) AS n, grouping(p.title) AS is_total FROM posts p GROUP BY ROLLUP (p.title);
