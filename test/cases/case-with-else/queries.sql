-- CASE with an ELSE: non-null when every THEN and the ELSE are non-null.

-- name: Bands :many
-- expect: band non-null
SELECT CASE WHEN age > 30 THEN 'senior' ELSE 'junior' END AS band FROM users;
