-- Strict operators of non-null operands (+, *, ||, >, unary -) are non-null.

-- name: Computed :many
SELECT id + 1 AS next, id * id AS square, email || '!' AS shout, id > 1 AS later, -id AS negated FROM users;
