-- A parameter inside COALESCE accepts NULL; the COALESCE with a NOT NULL column is non-null.

-- name: Label :many
-- expect: label non-null
-- expect params: name nullable
SELECT coalesce(:name, email) AS label FROM users;
