-- LIMIT NULL means no limit, so a LIMIT parameter accepts NULL.

-- name: Page :many
SELECT id FROM users ORDER BY id LIMIT :limit OFFSET :offset;
