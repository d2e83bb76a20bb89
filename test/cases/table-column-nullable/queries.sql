-- A column reference to a table column that allows NULL is nullable.

-- name: UserNames :many
-- expect: display_name nullable, age nullable
SELECT display_name, age FROM users;
