-- AND / OR / NOT in the select list: non-null when every operand is; NULL AND true is NULL.
-- (NULL OR true is true, but the engine asks every operand to be non-null: `either` is over-nullable.)

-- name: Logic :many
-- expect: both non-null, with_null nullable, either over-nullable (reason: never NULL — id > 0 is true for every row and NULL OR true is true; the engine asks every operand of OR to be non-null), negated nullable
SELECT id > 0 AND email <> '' AS both, age > 30 AND id > 0 AS with_null, age > 30 OR id > 0 AS either, NOT (age > 30) AS negated FROM users;
