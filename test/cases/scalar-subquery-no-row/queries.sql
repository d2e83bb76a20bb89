-- A scalar subquery of count(*) is NULL when HAVING, OFFSET or LIMIT 0 removes its only row.

-- name: Counts :many
-- expect: id non-null, n_if_any nullable, n_offset nullable, n_limit_zero nullable
SELECT u.id,
       (SELECT count(*) FROM posts p WHERE p.user_id = u.id HAVING count(*) > 0) AS n_if_any,
       (SELECT count(*) FROM posts p WHERE p.user_id = u.id OFFSET 1) AS n_offset,
       (SELECT count(*) FROM posts p LIMIT 0) AS n_limit_zero
FROM users u;
