-- UPDATE … RETURNING: columns keep their NOT NULL.

-- name: Birthday :many
UPDATE users SET age = age + 1 RETURNING id, email, age;
