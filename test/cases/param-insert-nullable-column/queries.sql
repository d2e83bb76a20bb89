-- A parameter inserted into a nullable column accepts NULL; into a NOT NULL column it does not.

-- name: CreateUser :many
-- expect: id non-null, display_name nullable
-- expect params: id non-null, email non-null, displayName nullable, age nullable
INSERT INTO users (id, email, display_name, age) VALUES (:id, :email, :displayName, :age) RETURNING id, display_name;
