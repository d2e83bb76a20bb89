-- A plain view over one table: PostgreSQL reports every view column nullable; the view definition proves id/email non-null.

-- name: FromView :many
SELECT id, email, display_name FROM user_list;

-- name: StarFromView :many
SELECT * FROM user_list;
