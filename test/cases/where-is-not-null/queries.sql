-- WHERE col IS NOT NULL makes col non-null.

-- name: Named :many
SELECT id, display_name FROM users WHERE display_name IS NOT NULL;
