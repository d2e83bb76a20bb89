-- INSERT … RETURNING: columns of the target table keep their NOT NULL.

-- name: Insert :many
INSERT INTO users (id, email) VALUES (10, 'dee@example.com') RETURNING id, email, display_name, age;
