-- `GROUP BY a, ROLLUP (b)`: a is in every grouping set, so it keeps NOT NULL; b does not.

-- name: PartlyRolled :many
-- expect: title non-null, id nullable, n non-null
SELECT p.title, p.id, count(*) AS n FROM posts p GROUP BY p.title, ROLLUP (p.id);

-- The same column name from another table is not the grouped column: u.id is rolled up, p.id is plain.
-- name: OtherTablesColumn :many
-- expect: id non-null, uid nullable, n non-null
SELECT p.id, u.id AS uid, count(*) AS n FROM posts p JOIN users u ON u.id = p.user_id GROUP BY p.id, ROLLUP (u.id);
