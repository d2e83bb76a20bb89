-- A view of a view: nullability is traced through both definitions.

-- name: FromViewOfView :many
-- expect: id non-null, email non-null, display_name nullable
SELECT id, email, display_name FROM v2;
