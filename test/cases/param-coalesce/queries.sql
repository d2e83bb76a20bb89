-- A parameter inside COALESCE accepts NULL; the COALESCE with a NOT NULL column is non-null.

-- name: Label :many
SELECT coalesce(:name, email) AS label FROM users;
