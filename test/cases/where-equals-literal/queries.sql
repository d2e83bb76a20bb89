-- WHERE col = 'x' makes col non-null.

-- name: Ann :many
SELECT display_name FROM users WHERE display_name = 'Ann';
