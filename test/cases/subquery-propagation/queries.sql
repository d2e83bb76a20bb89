-- `SELECT … FROM (subquery) s`: columns keep the nullability they have inside.

-- name: Propagated :many
-- expect: id non-null, email non-null, display_name nullable
SELECT s.id, s.email, s.display_name FROM (SELECT id, email, display_name FROM users) s;
