-- The `#` operator is strict and built-in, yet box # box and lseg # lseg return NULL when nothing intersects (int # int is XOR, never NULL,
-- but it shares the name, so it is over-nullable).

-- name: Intersections :many
-- expect: no_crossing nullable, no_overlap nullable, xor over-nullable (reason: never NULL — int # int is XOR, but operators are judged by name and # has NULL-returning overloads)
SELECT '[(0,0),(1,0)]'::lseg # '[(0,1),(1,1)]'::lseg AS no_crossing,
       box '((0,0),(1,1))' # box '((2,2),(3,3))' AS no_overlap,
       5 # 3 AS xor;
