-- `SELECT *` over one table: every column takes its own NOT NULL.

-- name: AllUsers :many
SELECT * FROM users;
