-- A parameter in IS NOT DISTINCT FROM accepts NULL.

-- name: ByMaybeName :many
-- expect: id non-null
-- expect params: name nullable
SELECT id FROM users WHERE display_name IS NOT DISTINCT FROM :name;
