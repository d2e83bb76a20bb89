-- Simple CASE (`CASE x WHEN …`): same rule as searched CASE.

-- name: Words :many
-- expect: word non-null, only_one nullable
SELECT CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS word, CASE id WHEN 1 THEN 'one' END AS only_one FROM users;
