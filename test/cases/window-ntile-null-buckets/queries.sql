-- ntile(n) is NULL when the bucket count n is NULL (other ranking functions never are); PostgreSQL reads n on the
-- first row of each partition, so each user gets a partition of its own here.

-- name: Buckets :many
-- expect: id non-null, fixed non-null, by_age nullable
SELECT id, ntile(2) OVER (ORDER BY id) AS fixed, ntile(age) OVER (PARTITION BY id) AS by_age FROM users;
