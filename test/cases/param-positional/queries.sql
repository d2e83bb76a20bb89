-- Positional $n parameters follow the same rules (and get names from context).

-- name: ByEmail :many
SELECT id, display_name FROM users WHERE email = $1 AND id > $2;
