-- DELETE … USING … RETURNING: the USING table keeps NOT NULL.

-- name: DeleteAuthored :many
DELETE FROM posts p USING users u WHERE u.id = p.user_id RETURNING p.id, u.email, u.display_name;
