-- A column reference to a table column that allows NULL is nullable.

-- name: UserNames :many
SELECT display_name, age FROM users;
