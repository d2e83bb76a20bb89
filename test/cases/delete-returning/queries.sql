-- DELETE … RETURNING: columns keep their NOT NULL.

-- name: DeleteAll :many
-- expect: id non-null, user_id nullable, title non-null, body nullable
DELETE FROM posts WHERE id > 0 RETURNING id, user_id, title, body;
