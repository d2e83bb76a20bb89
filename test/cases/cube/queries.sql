-- CUBE: every grouped column is NULL in some subtotal row.

-- name: Cubed :many
-- expect: id nullable, title nullable, n non-null
SELECT p.id, p.title, count(*) AS n FROM posts p GROUP BY CUBE (p.id, p.title);
