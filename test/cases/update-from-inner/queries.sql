-- UPDATE … FROM with a join condition in WHERE: the FROM table keeps NOT NULL and its columns narrowed by WHERE.
-- The target's p.user_id is NOT narrowed by `u.id = p.user_id`: RETURNING shows the new row, which SET or a BEFORE
-- trigger may have changed, so it is over-nullable here (no trigger, and SET leaves user_id alone).

-- name: Shout :many
-- expect: id non-null, user_id over-nullable (reason: never NULL here — u.id = p.user_id holds for the old row and SET leaves user_id alone, but the engine does not narrow the updated row, which a BEFORE trigger could change), email non-null, display_name nullable
UPDATE posts p SET title = upper(p.title) FROM users u WHERE u.id = p.user_id RETURNING p.id, p.user_id, u.email, u.display_name;
