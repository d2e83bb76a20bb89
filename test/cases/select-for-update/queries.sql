-- A locking clause (FOR UPDATE) does not change nullability.

-- name: Locked :many
-- expect: id non-null, email non-null, display_name nullable
SELECT id, email, display_name FROM users FOR UPDATE;
