-- HAVING does not change the nullability of the grouped and aggregate columns.

-- name: BusyUsers :many
-- expect: user_id nullable, n non-null, max_body nullable
SELECT user_id, count(*) AS n, max(body) AS max_body FROM posts GROUP BY user_id HAVING count(*) >= 1;
