-- Expression columns of a subquery keep the expression's nullability outside.

-- name: Shouted :many
-- expect: shout non-null, shout_name nullable
SELECT s.shout, s.shout_name FROM (SELECT upper(email) AS shout, upper(display_name) AS shout_name FROM users) s;
