-- CASE without ELSE is nullable (no branch matches → NULL).

-- name: Bands :many
SELECT CASE WHEN age > 30 THEN 'senior' END AS band FROM users;
