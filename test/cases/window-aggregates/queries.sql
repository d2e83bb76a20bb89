-- sum() OVER: nullable when the frame can be empty (FOLLOWING-only) or every value in it NULL; a frame containing the current row is never empty.

-- name: Running :many
-- expect: id non-null, running non-null, top non-null, age_sum nullable, ahead nullable
SELECT id,
       sum(id) OVER (ORDER BY id) AS running,
       max(id) OVER () AS top,
       sum(age) OVER (PARTITION BY age IS NULL) AS age_sum,
       sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS ahead
FROM users;

-- A named window is not looked up (its frame may exclude the current row), a FILTER may drop every row.
-- name: NamedAndFiltered :many
-- expect: id non-null, named nullable, filtered nullable
SELECT id, max(id) OVER w AS named, sum(id) FILTER (WHERE id > 100) OVER () AS filtered
FROM users WINDOW w AS (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING);
