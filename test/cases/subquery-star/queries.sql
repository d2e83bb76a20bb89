-- `SELECT *` over a subquery: each column keeps its nullability.

-- name: StarOverSubquery :many
-- expect: id non-null, email non-null, display_name nullable
SELECT * FROM (SELECT id, email, display_name FROM users) s;
