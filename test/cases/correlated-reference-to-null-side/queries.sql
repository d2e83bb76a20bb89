-- Correlated references to a null-extended NOT NULL column in expressions and subqueries are nullable.

-- name: Echoes :many
-- expect: title non-null, sub nullable, via_case nullable, shout nullable
SELECT p.title,
       (SELECT u.email) AS sub,
       CASE WHEN true THEN u.email ELSE 'x' END AS via_case,
       upper(u.email) AS shout
FROM posts p LEFT JOIN users u ON u.id = p.user_id;
