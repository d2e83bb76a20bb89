-- Narrowing by `col = x` assumes a strict operator: a user-defined non-strict `=` can be true for NULL.

-- name: LooseMatch :many
-- expect: id non-null, display_name nullable
SELECT id, display_name FROM users WHERE display_name = 1;
