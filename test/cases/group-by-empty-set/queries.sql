-- `GROUP BY ()` is one group over all rows, like no GROUP BY: max() over an empty table is NULL.

-- name: EmptyGroup :many
SELECT max(id) AS m, count(*) AS n FROM drafts GROUP BY ();

-- name: EmptyGroupingSet :many
SELECT max(id) AS m, count(*) AS n FROM drafts GROUP BY GROUPING SETS (());
