-- A parameter assigned in ON CONFLICT DO UPDATE SET to a nullable column accepts NULL.

-- name: Upsert :many
INSERT INTO users (id, email) VALUES (:id, :email) ON CONFLICT (id) DO UPDATE SET display_name = :displayName RETURNING id, display_name;
