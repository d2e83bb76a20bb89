-- Strict functions of non-null arguments that cannot return NULL: upper, lower, length, substr.

-- name: Transformed :many
-- expect: up non-null, down non-null, len non-null, head non-null
SELECT upper(email) AS up, lower(email) AS down, length(email) AS len, substr(email, 1, 3) AS head FROM users;
