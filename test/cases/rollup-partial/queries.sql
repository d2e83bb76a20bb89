-- `GROUP BY a, ROLLUP (b)`: a is in every grouping set, so it keeps NOT NULL; b does not.

-- name: PartlyRolled :many
SELECT p.title, p.id, count(*) AS n FROM posts p GROUP BY p.title, ROLLUP (p.id);
