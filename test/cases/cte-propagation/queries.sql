-- Columns of a plain CTE keep the nullability they have inside it.

-- name: FromCte :many
-- expect: id non-null, email non-null, display_name nullable
WITH u AS (SELECT id, email, display_name FROM users) SELECT id, email, display_name FROM u;
