-- A WHERE IS NOT NULL inside a subquery narrows the column for the outer query.

-- name: NamedOnly :many
-- expect: display_name non-null
SELECT s.display_name FROM (SELECT display_name FROM users WHERE display_name IS NOT NULL) s;
