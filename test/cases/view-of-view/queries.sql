-- A view of a view: nullability is traced through both definitions.

-- name: FromViewOfView :many
SELECT id, email, display_name FROM v2;
