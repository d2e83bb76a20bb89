-- lag/lead/nth_value are nullable (no such row); lag with a non-null default is not; first_value of a non-null column over the default frame is not.

-- name: Neighbours :many
SELECT id,
       lag(id) OVER (ORDER BY id) AS prev_id,
       lead(email) OVER (ORDER BY id) AS next_email,
       lag(id, 1, 0) OVER (ORDER BY id) AS prev_or_zero,
       first_value(email) OVER (ORDER BY id) AS first_email,
       nth_value(email, 2) OVER (ORDER BY id) AS second_email
FROM users;
