-- LEFT JOIN under ORDER BY (a Sort above the join in the plan) is still null-extended.

-- name: ByTitle :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id ORDER BY p.title;

-- name: ByEmail :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id ORDER BY u.email NULLS FIRST;
