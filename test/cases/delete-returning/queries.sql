-- DELETE … RETURNING: columns keep their NOT NULL.

-- name: DeleteAll :many
DELETE FROM posts WHERE id > 0 RETURNING id, user_id, title, body;
