-- A parameter inserted into a nullable column accepts NULL; into a NOT NULL column it does not.

-- name: CreateUser :many
INSERT INTO users (id, email, display_name, age) VALUES (:id, :email, :displayName, :age) RETURNING id, display_name;
