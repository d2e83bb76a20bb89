-- lag/lead/nth_value are nullable (no such row); lag with a non-null default is not; first_value of a non-null column over the default frame is not.

-- name: Neighbours :many
-- expect: id non-null, prev_id nullable, next_email nullable, prev_or_zero non-null, first_email non-null, second_email nullable
SELECT id,
       lag(id) OVER (ORDER BY id) AS prev_id,
       lead(email) OVER (ORDER BY id) AS next_email,
       lag(id, 1, 0) OVER (ORDER BY id) AS prev_or_zero,
       first_value(email) OVER (ORDER BY id) AS first_email,
       nth_value(email, 2) OVER (ORDER BY id) AS second_email
FROM users;

-- A nullable default or value, and first_value of a nullable column, stay nullable.
-- name: NullableInputs :many
-- expect: id non-null, nullable_default nullable, nullable_value nullable, first_age nullable
SELECT id,
       lag(id, 1, age) OVER (ORDER BY age NULLS FIRST) AS nullable_default,
       lag(age, 1, 0) OVER (ORDER BY id) AS nullable_value,
       first_value(age) OVER (ORDER BY age NULLS FIRST) AS first_age
FROM users;
