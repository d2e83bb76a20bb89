-- INSERT … SELECT … RETURNING: the target table's NOT NULL, whatever the SELECT.

-- name: Copy :many
-- expect: id non-null, email non-null, display_name nullable
INSERT INTO users (id, email, display_name) SELECT id + 100, email, display_name FROM users RETURNING id, email, display_name;
