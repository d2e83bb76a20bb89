-- A parameter assigned in ON CONFLICT DO UPDATE SET to a nullable column accepts NULL.

-- name: Upsert :many
-- expect: id non-null, display_name nullable
-- expect params: id non-null, email non-null, displayName nullable
INSERT INTO users (id, email) VALUES (:id, :email) ON CONFLICT (id) DO UPDATE SET display_name = :displayName RETURNING id, display_name;
