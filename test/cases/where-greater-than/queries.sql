-- WHERE col > 0 makes col non-null.

-- name: Adults :many
SELECT age FROM users WHERE age > 0;
