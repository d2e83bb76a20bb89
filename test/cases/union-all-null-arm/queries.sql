-- UNION ALL with a NULL arm is nullable.

-- name: WithNull :many
SELECT email FROM users UNION ALL SELECT NULL;
