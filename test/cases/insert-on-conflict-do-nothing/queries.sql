-- INSERT … ON CONFLICT DO NOTHING … RETURNING: the target table's NOT NULL.

-- name: InsertIfNew :many
-- expect: id non-null, email non-null, display_name nullable
INSERT INTO users (id, email) VALUES (1, 'ann@example.com'), (12, 'fay@example.com') ON CONFLICT DO NOTHING RETURNING id, email, display_name;
