-- A VALUES list in FROM: a column is nullable iff some row has a nullable expression there.

-- name: Pairs :many
-- expect: id non-null, name nullable
SELECT v.id, v.name FROM (VALUES (1, 'a'), (2, NULL)) AS v(id, name);
