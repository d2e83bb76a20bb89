-- A set-returning function in the select list: unnest() elements are nullable, generate_series() is not.

-- name: Tags :many
SELECT id, unnest(tags) AS tag FROM articles;

-- name: Series :many
SELECT id, generate_series(1, id) AS g FROM articles;
