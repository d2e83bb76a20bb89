-- LIMIT NULL means no limit, so a LIMIT parameter accepts NULL.

-- name: Page :many
-- expect: id non-null
-- expect params: limit nullable, offset nullable
SELECT id FROM users ORDER BY id LIMIT :limit OFFSET :offset;
