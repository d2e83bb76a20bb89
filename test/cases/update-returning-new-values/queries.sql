-- RETURNING shows the new row: a WHERE/FROM condition on the old value does not narrow a column the SET makes NULL.

-- name: ClearNames :many
-- expect: id non-null, display_name nullable
UPDATE users SET display_name = NULL WHERE display_name IS NOT NULL RETURNING id, display_name;

-- name: Unlink :many
-- expect: id non-null, user_id nullable
UPDATE posts SET user_id = NULL FROM users u WHERE u.id = posts.user_id RETURNING posts.id, posts.user_id;

-- name: UpsertClear :many
-- expect: id non-null, display_name nullable
INSERT INTO users (id, email) VALUES (1, 'ann@example.com')
ON CONFLICT (id) DO UPDATE SET display_name = NULL WHERE users.display_name IS NOT NULL
RETURNING id, display_name;

-- name: ClearNamesInCte :many
-- expect: id non-null, display_name nullable
WITH upd AS (UPDATE users SET display_name = NULL WHERE display_name IS NOT NULL RETURNING id, display_name)
SELECT id, display_name FROM upd;
