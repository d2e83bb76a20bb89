-- WHERE col IS NOT NULL makes col non-null.

-- name: Named :many
-- expect: id non-null, display_name non-null
SELECT id, display_name FROM users WHERE display_name IS NOT NULL;
