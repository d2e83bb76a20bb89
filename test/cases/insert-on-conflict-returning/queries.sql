-- INSERT … ON CONFLICT DO UPDATE … RETURNING: the target table's NOT NULL (the row may be the updated one).

-- name: Upsert :many
-- expect: id non-null, email non-null, display_name nullable
INSERT INTO users (id, email, display_name) VALUES (2, 'bob@example.com', NULL), (11, 'eve@example.com', 'Eve')
ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name
RETURNING id, email, display_name;
