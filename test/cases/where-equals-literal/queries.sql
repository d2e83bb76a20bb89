-- WHERE col = 'x' makes col non-null.

-- name: Ann :many
-- expect: display_name non-null
SELECT display_name FROM users WHERE display_name = 'Ann';
