-- WHERE col LIKE '…' makes col non-null.

-- name: StartsWithA :many
SELECT display_name FROM users WHERE display_name LIKE 'A%';
