-- UNION is nullable if any arm is.

-- name: Labels :many
-- expect: label nullable
SELECT email AS label FROM users UNION SELECT display_name FROM users;
