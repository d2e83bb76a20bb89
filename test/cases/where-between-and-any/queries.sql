-- WHERE col BETWEEN …, col = ANY(array), col ILIKE …, and a comparison of a cast column narrow the column;
-- `col <> ANY(…)` and `col NOT IN (…)` too (NULL for a NULL col); `col <> ALL(empty array)` is true for NULL: no proof.

-- name: Between :many
-- expect: age non-null
SELECT age FROM users WHERE age BETWEEN 20 AND 40;

-- name: AnyArray :many
-- expect: age non-null
SELECT age FROM users WHERE age = ANY(ARRAY[34, 27]);

-- name: ILike :many
-- expect: display_name non-null
SELECT display_name FROM users WHERE display_name ILIKE 'a%';

-- name: CastCompared :many
-- expect: age non-null
SELECT age FROM users WHERE age::text = '34';

-- name: NotEqualAny :many
-- expect: age non-null
SELECT age FROM users WHERE age <> ANY(ARRAY[1]);

-- name: NotInList :many
-- expect: age non-null
SELECT age FROM users WHERE age NOT IN (1, 2);

-- name: NotEqualAllEmpty :many
-- expect: age nullable
SELECT age FROM users WHERE age <> ALL('{}'::int[]);
