-- WHERE col = :p makes col non-null (and :p non-null).

-- name: ByName :many
SELECT display_name FROM users WHERE display_name = :name;
