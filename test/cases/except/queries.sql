-- EXCEPT: rows come from the first arm only, so the result is nullable iff the first arm is.

-- name: NullableFirst :many
-- expect: display_name nullable
SELECT display_name FROM users EXCEPT SELECT 'Ann';

-- name: NonNullFirst :many
-- expect: email non-null
SELECT email FROM users EXCEPT SELECT display_name FROM users;
