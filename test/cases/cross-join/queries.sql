-- Comma joins and CROSS JOIN never null-extend.

-- name: Comma :many
-- expect: email non-null, title non-null
SELECT u.email, p.title FROM users u, posts p;

-- name: Cross :many
-- expect: email non-null, title non-null
SELECT u.email, p.title FROM users u CROSS JOIN posts p;
