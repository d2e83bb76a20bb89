-- DELETE … USING … RETURNING: the USING table keeps NOT NULL.

-- name: DeleteAuthored :many
-- expect: id non-null, email non-null, display_name nullable
DELETE FROM posts p USING users u WHERE u.id = p.user_id RETURNING p.id, u.email, u.display_name;
