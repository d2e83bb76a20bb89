-- A LEFT JOIN inside a FROM subquery: its null-extended columns stay nullable outside.

-- name: ThroughSubquery :many
-- expect: title non-null, email nullable
SELECT s.title, s.email FROM (SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id) s;
