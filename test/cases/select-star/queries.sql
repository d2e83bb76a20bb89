-- `SELECT *` over one table: every column takes its own NOT NULL.

-- name: AllUsers :many
-- expect: id non-null, email non-null, display_name nullable, age nullable
SELECT * FROM users;
