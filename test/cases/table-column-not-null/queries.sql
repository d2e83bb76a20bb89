-- A column reference to a NOT NULL table column in the own FROM is non-null.

-- name: UserEmails :many
-- expect: id non-null, email non-null
SELECT id, email FROM users;
