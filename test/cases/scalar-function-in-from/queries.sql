-- A scalar function in FROM is one row of its result: NULL if the function returns NULL.

-- name: Upper :many
-- expect: u over-nullable (reason: never NULL — upper('abc') is a value, but a scalar function in FROM is not analysed)
SELECT u FROM upper('abc') AS u;

-- name: ArrayLength :many
-- expect: l nullable
SELECT l FROM array_length('{}'::int[], 1) AS l;
