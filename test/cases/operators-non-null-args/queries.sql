-- Strict operators of non-null operands (+, *, ||, >, unary -) are non-null.

-- name: Computed :many
-- expect: next non-null, square non-null, shout non-null, later non-null, negated non-null
SELECT id + 1 AS next, id * id AS square, email || '!' AS shout, id > 1 AS later, -id AS negated FROM users;
