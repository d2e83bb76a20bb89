-- UNION ALL with a NULL arm is nullable.

-- name: WithNull :many
-- expect: email nullable
SELECT email FROM users UNION ALL SELECT NULL;
