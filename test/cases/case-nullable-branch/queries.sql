-- CASE with a nullable branch is nullable.

-- name: Labels :many
-- expect: label nullable
SELECT CASE WHEN id = 1 THEN email ELSE display_name END AS label FROM users;
