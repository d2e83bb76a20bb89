-- x IN (literals) is non-null for non-null x, nullable for nullable x.

-- name: Membership :many
-- expect: small non-null, known_age nullable
SELECT id IN (1, 2) AS small, age IN (34, 27) AS known_age FROM users;
