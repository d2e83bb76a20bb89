-- A scalar subquery is nullable (no row → NULL), except a plain aggregate without GROUP BY, HAVING, LIMIT or OFFSET,
-- which returns exactly one row: (SELECT count(*) …) is non-null, (SELECT max(…) …) is as nullable as max() over no rows.

-- name: PerUser :many
-- expect: email non-null, last_post nullable, n_posts non-null, first_title nullable
SELECT u.email,
       (SELECT max(p.id) FROM posts p WHERE p.user_id = u.id) AS last_post,
       (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS n_posts,
       (SELECT p.title FROM posts p WHERE p.user_id = u.id ORDER BY p.id LIMIT 1) AS first_title
FROM users u;
