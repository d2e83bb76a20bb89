-- A column reference to a NOT NULL table column in the own FROM is non-null.

-- name: UserEmails :many
SELECT id, email FROM users;
