-- WHERE col IS NOT NULL AND …: col is non-null; other nullable columns stay nullable.

-- name: Named :many
-- expect: display_name non-null, age nullable
SELECT display_name, age FROM users WHERE display_name IS NOT NULL AND id > 0;
