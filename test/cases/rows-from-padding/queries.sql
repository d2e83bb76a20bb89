-- ROWS FROM (f(), g()) and multi-argument unnest pad the shorter result with NULLs.

-- name: RowsFrom :many
-- expect: a over-nullable (reason: never NULL here — unnest of the longer, NULL-free list; ROWS FROM with several functions is not analysed), b nullable
SELECT r.a, r.b FROM ROWS FROM (unnest(ARRAY[1, 2, 3]), unnest(ARRAY['x'])) AS r(a, b);

-- name: MultiUnnest :many
-- expect: a over-nullable (reason: never NULL here — the longer array has no NULL element, but unnest() elements are not analysed), b nullable
SELECT m.a, m.b FROM unnest(ARRAY[1, 2], ARRAY['x']) AS m(a, b);
