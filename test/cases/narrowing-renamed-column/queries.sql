-- Narrowing follows the subquery's output names: s.display_name below is users.email, so s.n (users.display_name) is not narrowed.

-- name: Swapped :many
-- expect: n nullable
SELECT s.n FROM (SELECT display_name AS n, email AS display_name FROM users) s WHERE s.display_name IS NOT NULL;
