-- COALESCE is non-null when some argument is non-null.

-- name: Labels :many
SELECT coalesce(display_name, email) AS label, coalesce(age, 0) AS age_or_zero, coalesce(NULL, email) AS first_non_null FROM users;
