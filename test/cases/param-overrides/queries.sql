-- `:p!` forces a non-null parameter, `:p?` a nullable one, whatever inference says.

-- name: Forced :many
-- expect: id non-null
-- expect params: name non-null
SELECT id FROM users WHERE display_name IS NOT DISTINCT FROM :name!;

-- name: Relaxed :many
-- expect: id non-null
-- expect params: id nullable
SELECT id FROM users WHERE id = :id?;
