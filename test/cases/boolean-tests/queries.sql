-- IS TRUE / IS NOT FALSE / IS UNKNOWN are never NULL; the bare comparison of a nullable column is.

-- name: Tests :many
-- expect: t non-null, nf non-null, u non-null, raw nullable
SELECT (age > 30) IS TRUE AS t, (age > 30) IS NOT FALSE AS nf, (age > 30) IS UNKNOWN AS u, age > 30 AS raw FROM users;
