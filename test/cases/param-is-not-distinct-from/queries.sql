-- A parameter in IS NOT DISTINCT FROM accepts NULL.

-- name: ByMaybeName :many
SELECT id FROM users WHERE display_name IS NOT DISTINCT FROM :name;
