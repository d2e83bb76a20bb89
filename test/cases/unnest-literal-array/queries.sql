-- unnest(): elements are nullable (arrays may hold NULL).

-- name: WithNullElement :many
SELECT x FROM unnest(ARRAY[1, NULL, 3]) AS x;

-- name: WithoutNullElement :many
SELECT y FROM unnest(ARRAY[1, 2]) AS y;
