-- LIKE, ILIKE, SIMILAR TO and BETWEEN in the select list are NULL only through a NULL operand.

-- name: Matches :many
-- expect: l non-null, nl nullable, il non-null, s non-null, b non-null, nb nullable
SELECT email LIKE 'a%' AS l, display_name LIKE 'A%' AS nl, email ILIKE '%ANN%' AS il, email SIMILAR TO '%@%' AS s,
       id BETWEEN 1 AND 2 AS b, age BETWEEN 20 AND 30 AS nb
FROM users;
