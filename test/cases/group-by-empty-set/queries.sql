-- `GROUP BY ()` is one group over all rows, like no GROUP BY: max() over an empty table is NULL.

-- name: EmptyGroup :many
-- expect: m nullable, n non-null
SELECT max(id) AS m, count(*) AS n FROM drafts GROUP BY ();

-- name: EmptyGroupingSet :many
-- expect: m nullable, n non-null
SELECT max(id) AS m, count(*) AS n FROM drafts GROUP BY GROUPING SETS (());
