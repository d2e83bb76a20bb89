-- ROWS FROM (f(), g()) and multi-argument unnest pad the shorter result with NULLs.

-- name: RowsFrom :many
SELECT r.a, r.b FROM ROWS FROM (unnest(ARRAY[1, 2, 3]), unnest(ARRAY['x'])) AS r(a, b);

-- name: MultiUnnest :many
SELECT m.a, m.b FROM unnest(ARRAY[1, 2], ARRAY['x']) AS m(a, b);
