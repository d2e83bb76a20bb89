-- An outer join's ON clause does not narrow the preserved side: p.user_id = u.id in a LEFT/RIGHT/FULL JOIN keeps NULL p.user_id rows.

-- name: LeftJoin :many
-- expect: id non-null, user_id nullable
SELECT p.id, p.user_id FROM posts p LEFT JOIN users u ON u.id = p.user_id;

-- name: RightJoin :many
-- expect: id non-null, user_id nullable
SELECT p.id, p.user_id FROM users u RIGHT JOIN posts p ON p.user_id = u.id;

-- name: FullJoin :many
-- expect: id nullable, user_id nullable
SELECT p.id, p.user_id FROM users u FULL JOIN posts p ON p.user_id = u.id;
