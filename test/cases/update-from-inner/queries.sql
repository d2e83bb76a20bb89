-- UPDATE … FROM with a join condition in WHERE: the FROM table keeps NOT NULL; p.user_id = u.id narrows p.user_id,
-- which RETURNING shows as the new row: that holds because SET leaves user_id alone and posts has no BEFORE UPDATE
-- trigger or rule. A trigger that rewrites the row, or a generated column recomputed from what SET changes, keeps
-- the column nullable.

-- name: Shout :many
-- expect: id non-null, user_id non-null, email non-null, display_name nullable
UPDATE posts p SET title = upper(p.title) FROM users u WHERE u.id = p.user_id RETURNING p.id, p.user_id, u.email, u.display_name;

-- name: Triggered :many
-- expect: id non-null, user_id nullable
UPDATE tracked_posts p SET title = upper(p.title) FROM users u WHERE u.id = p.user_id RETURNING p.id, p.user_id;

-- name: Generated :many
-- expect: id non-null, label nullable
UPDATE labelled_posts SET title = upper(title) WHERE label IS NOT NULL RETURNING id, label;
