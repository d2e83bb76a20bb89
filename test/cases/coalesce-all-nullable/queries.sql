-- coalesce(nullable, nullable) is nullable.

-- name: MaybeLabels :many
-- expect: label nullable, still_maybe nullable
SELECT coalesce(display_name, age::text) AS label, coalesce(display_name, NULL) AS still_maybe FROM users;
