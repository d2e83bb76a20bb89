-- A LATERAL subquery that reads a null-extended column: the value is NULL although the column is NOT NULL.

-- name: LateralEcho :many
-- expect: title non-null, e nullable
SELECT p.title, x.e FROM posts p LEFT JOIN users u ON u.id = p.user_id CROSS JOIN LATERAL (SELECT u.email AS e) x;
