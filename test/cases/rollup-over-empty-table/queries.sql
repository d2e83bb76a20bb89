-- ROLLUP includes the empty grouping set, which yields one row even over no input: max() is NULL there, count() is 0.

-- name: Rolled :many
-- expect: n non-null, m nullable, id nullable
SELECT count(*) AS n, max(id) AS m, id FROM drafts GROUP BY ROLLUP (id);
