-- A plain view over one table: PostgreSQL reports every view column nullable; the view definition proves id/email non-null.

-- name: FromView :many
-- expect: id non-null, email non-null, display_name nullable
SELECT id, email, display_name FROM user_list;

-- name: StarFromView :many
-- expect: id non-null, email non-null, display_name nullable
SELECT * FROM user_list;
