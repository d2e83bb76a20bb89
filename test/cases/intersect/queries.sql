-- INTERSECT: a row is in both arms, so NULL needs a NULL in both (sound rule: nullable if any arm is).

-- name: OneNullableArm :many
SELECT display_name FROM users INTERSECT SELECT 'Ann';

-- name: BothNullable :many
SELECT age FROM users INTERSECT SELECT age FROM users;
