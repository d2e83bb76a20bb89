-- `:p!` forces a non-null parameter, `:p?` a nullable one, whatever inference says.

-- name: Forced :many
SELECT id FROM users WHERE display_name IS NOT DISTINCT FROM :name!;

-- name: Relaxed :many
SELECT id FROM users WHERE id = :id?;
