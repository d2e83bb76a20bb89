-- UPDATE … RETURNING: columns keep their NOT NULL.

-- name: Birthday :many
-- expect: id non-null, email non-null, age nullable
UPDATE users SET age = age + 1 RETURNING id, email, age;
