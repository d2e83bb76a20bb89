-- INTERSECT: a row is in both arms, so NULL needs a NULL in both (sound rule: nullable if any arm is).

-- name: OneNullableArm :many
-- expect: display_name non-null
SELECT display_name FROM users INTERSECT SELECT 'Ann';

-- name: BothNullable :many
-- expect: age nullable
SELECT age FROM users INTERSECT SELECT age FROM users;
