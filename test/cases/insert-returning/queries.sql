-- INSERT … RETURNING: columns of the target table keep their NOT NULL.

-- name: Insert :many
-- expect: id non-null, email non-null, display_name nullable, age nullable
INSERT INTO users (id, email) VALUES (10, 'dee@example.com') RETURNING id, email, display_name, age;
