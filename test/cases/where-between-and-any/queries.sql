-- WHERE col BETWEEN …, col = ANY(array), col ILIKE …, and a comparison of a cast column narrow the column;
-- `col <> ANY(…)` is not used as proof (the engine is conservative there), so age stays nullable.

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
-- expect: age over-nullable (reason: never NULL — age <> ANY(…) is NULL for a NULL age, so the row is filtered; the engine does not use <> ANY as proof)
SELECT age FROM users WHERE age <> ANY(ARRAY[1]);
