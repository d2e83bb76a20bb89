-- WHERE col LIKE '…' makes col non-null.

-- name: StartsWithA :many
-- expect: display_name non-null
SELECT display_name FROM users WHERE display_name LIKE 'A%';
