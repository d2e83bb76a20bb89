-- GREATEST/LEAST ignore NULLs: NULL only when every argument is NULL.

-- name: Bounds :many
-- expect: at_least_zero non-null, smaller non-null, all_maybe nullable
SELECT greatest(age, 0) AS at_least_zero, least(age, id) AS smaller, greatest(age, NULL::int) AS all_maybe FROM users;
