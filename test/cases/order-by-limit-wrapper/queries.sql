-- ORDER BY / LIMIT / OFFSET inside and around a subquery do not change nullability.

-- name: Wrapped :many
-- expect: id non-null, email non-null, display_name nullable
SELECT * FROM (SELECT id, email, display_name FROM users ORDER BY id LIMIT 2 OFFSET 1) s ORDER BY email;
