-- A window frame that does not contain the current row can be empty: first_value/max over it are NULL.

-- name: Framed :many
-- expect: id non-null, next_email nullable, nothing nullable, zero non-null
SELECT id,
       first_value(email) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_email,
       max(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE CURRENT ROW) AS nothing,
       count(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE CURRENT ROW) AS zero
FROM users;
