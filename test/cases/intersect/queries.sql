-- INTERSECT: a row is in both arms (NULLs compare equal there), so a column is nullable only if it is in both arms.

-- name: OneNullableArm :many
-- expect: display_name non-null
SELECT display_name FROM users INTERSECT SELECT 'Ann';

-- name: BothNullable :many
-- expect: age nullable
SELECT age FROM users INTERSECT SELECT age FROM users;
