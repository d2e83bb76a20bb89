-- Ranking window functions and count(*) OVER are never NULL.

-- name: Ranked :many
-- expect: id non-null, rn non-null, rk non-null, drk non-null, half non-null, total non-null
SELECT id,
       row_number() OVER (ORDER BY id) AS rn,
       rank() OVER (ORDER BY age) AS rk,
       dense_rank() OVER (ORDER BY age) AS drk,
       ntile(2) OVER (ORDER BY id) AS half,
       count(*) OVER () AS total
FROM users;
