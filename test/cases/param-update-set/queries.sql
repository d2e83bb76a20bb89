-- A parameter assigned to a nullable column in UPDATE SET accepts NULL; one compared in WHERE does not.

-- name: Rename :many
-- expect: id non-null, display_name nullable
-- expect params: displayName nullable, id non-null
UPDATE users SET display_name = :displayName WHERE id = :id RETURNING id, display_name;
