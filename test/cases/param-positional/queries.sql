-- Positional $n parameters follow the same rules (and get names from context).

-- name: ByEmail :many
-- expect: id non-null, display_name nullable
-- expect params: email non-null, id non-null
SELECT id, display_name FROM users WHERE email = $1 AND id > $2;
