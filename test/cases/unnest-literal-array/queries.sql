-- unnest(): elements are nullable (arrays may hold NULL).

-- name: WithNullElement :many
-- expect: x nullable
SELECT x FROM unnest(ARRAY[1, NULL, 3]) AS x;

-- name: WithoutNullElement :many
-- expect: y over-nullable (reason: never NULL — the literal array has no NULL element, but unnest() elements are not analysed)
SELECT y FROM unnest(ARRAY[1, 2]) AS y;
