-- concat_ws() and format() are not strict: NULL exactly when the separator / format string is NULL.

-- name: Separators :many
-- expect: by_name nullable, fixed non-null, fmt nullable
SELECT concat_ws(display_name, 'a', 'b') AS by_name, concat_ws('-', display_name, email) AS fixed, format(display_name) AS fmt FROM users;
