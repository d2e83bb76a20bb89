-- A UNION inside a FROM subquery: the outer columns follow the union's nullability.

-- name: FromUnion :many
-- expect: label non-null, detail nullable
SELECT s.label, s.detail FROM (SELECT title AS label, body AS detail FROM posts UNION ALL SELECT email, email FROM users) s;
