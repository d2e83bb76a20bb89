-- sum() OVER: nullable when the frame can be empty (FOLLOWING-only) or every value in it NULL; a frame containing the current row is never empty.

-- name: Running :many
SELECT id,
       sum(id) OVER (ORDER BY id) AS running,
       max(id) OVER () AS top,
       sum(age) OVER (PARTITION BY age IS NULL) AS age_sum,
       sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS ahead
FROM users;
