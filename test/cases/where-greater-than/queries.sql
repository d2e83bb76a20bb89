-- WHERE col > 0 makes col non-null.

-- name: Adults :many
-- expect: age non-null
SELECT age FROM users WHERE age > 0;
