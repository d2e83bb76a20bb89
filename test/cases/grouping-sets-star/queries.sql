-- `SELECT *` under ROLLUP: every rolled-up column is NULL in some subtotal row; a plain GROUP BY item beside the
-- ROLLUP is in every grouping set and keeps its NOT NULL.

-- name: StarRolled :many
-- expect: id nullable, left_name nullable
SELECT * FROM left_items GROUP BY ROLLUP (id, left_name);

-- name: StarPartlyRolled :many
-- expect: id non-null, left_name nullable
SELECT * FROM left_items GROUP BY id, ROLLUP (left_name);
