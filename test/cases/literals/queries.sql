-- Literals are non-null, except NULL itself (also when cast).

-- name: Constants :many
-- expect: one non-null, letter non-null, yes non-null, ratio non-null, day non-null, span non-null, typed non-null, nothing nullable
SELECT 1 AS one, 'x' AS letter, true AS yes, 1.5 AS ratio, DATE '2024-01-01' AS day,
       interval '1 day' AS span, '42'::int AS typed, NULL::text AS nothing;
