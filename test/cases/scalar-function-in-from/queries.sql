-- A scalar function in FROM is one row of its result: NULL if the function returns NULL.

-- name: Upper :many
SELECT u FROM upper('abc') AS u;

-- name: ArrayLength :many
SELECT l FROM array_length('{}'::int[], 1) AS l;
