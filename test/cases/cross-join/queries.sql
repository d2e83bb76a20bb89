-- Comma joins and CROSS JOIN never null-extend.

-- name: Comma :many
SELECT u.email, p.title FROM users u, posts p;

-- name: Cross :many
SELECT u.email, p.title FROM users u CROSS JOIN posts p;
