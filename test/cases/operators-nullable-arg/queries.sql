-- An operator with a nullable operand is nullable (a + b with b nullable, nullable || text, nullable > n).

-- name: Computed :many
-- expect: sum nullable, shout nullable, senior nullable
SELECT age + id AS sum, display_name || '!' AS shout, age > 30 AS senior FROM users;
