-- Aggregates over a LEFT JOIN: max() of the null side is nullable, count() of it is not.

-- name: PerUser :many
-- expect: id non-null, last_title nullable, n non-null
SELECT u.id, max(p.title) AS last_title, count(p.id) AS n FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.id;
