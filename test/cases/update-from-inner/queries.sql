-- UPDATE … FROM with a join condition in WHERE: the FROM table keeps NOT NULL; p.user_id = u.id narrows p.user_id.

-- name: Shout :many
UPDATE posts p SET title = upper(p.title) FROM users u WHERE u.id = p.user_id RETURNING p.id, p.user_id, u.email, u.display_name;
