-- Strict functions of non-null arguments that cannot return NULL: upper, lower, length, substr.

-- name: Transformed :many
SELECT upper(email) AS up, lower(email) AS down, length(email) AS len, substr(email, 1, 3) AS head FROM users;
