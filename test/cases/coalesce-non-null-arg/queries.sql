-- COALESCE is non-null when some argument is non-null.

-- name: Labels :many
-- expect: label non-null, age_or_zero non-null, first_non_null non-null
SELECT coalesce(display_name, email) AS label, coalesce(age, 0) AS age_or_zero, coalesce(NULL, email) AS first_non_null FROM users;
