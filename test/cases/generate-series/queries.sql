-- generate_series() never yields NULL for non-null arguments.

-- name: Numbers :many
-- expect: g non-null
SELECT g FROM generate_series(1, 3) AS g;

-- name: Days :many
-- expect: day non-null
SELECT d::date AS day FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '1 day') AS d;
