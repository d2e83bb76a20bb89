-- WHERE NOT (col IS NULL) is the same as col IS NOT NULL.

-- name: Named :many
-- expect: display_name non-null
SELECT display_name FROM users WHERE NOT (display_name IS NULL);
