-- A self LEFT JOIN: the second instance of the same table is nullable, the first is not.

-- name: WithManager :many
-- expect: name non-null, manager_name nullable
SELECT e.name, m.name AS manager_name FROM employees e LEFT JOIN employees m ON m.id = e.manager_id;
