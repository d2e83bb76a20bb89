-- SELECT DISTINCT keeps nullability (NULL is a distinct value).

-- name: DistinctEmails :many
-- expect: email non-null
SELECT DISTINCT email FROM users;

-- name: DistinctNames :many
-- expect: display_name nullable
SELECT DISTINCT display_name FROM users;
