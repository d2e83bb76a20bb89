-- CASE without ELSE is nullable (no branch matches → NULL).

-- name: Bands :many
-- expect: band nullable
SELECT CASE WHEN age > 30 THEN 'senior' END AS band FROM users;
