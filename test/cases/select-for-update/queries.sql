-- A locking clause (FOR UPDATE) does not change nullability.

-- name: Locked :many
SELECT id, email, display_name FROM users FOR UPDATE;
