-- A parameter inside GREATEST/LEAST accepts NULL (they skip NULLs), like COALESCE.

-- name: Floor :many
-- expect: at_least nullable
-- expect params: floor nullable
SELECT greatest(:floor::int, age) AS at_least FROM users;
