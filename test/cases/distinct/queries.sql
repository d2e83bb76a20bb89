-- SELECT DISTINCT keeps nullability (NULL is a distinct value).

-- name: DistinctEmails :many
SELECT DISTINCT email FROM users;

-- name: DistinctNames :many
SELECT DISTINCT display_name FROM users;
