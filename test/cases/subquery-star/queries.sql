-- `SELECT *` over a subquery: each column keeps its nullability.

-- name: StarOverSubquery :many
SELECT * FROM (SELECT id, email, display_name FROM users) s;
