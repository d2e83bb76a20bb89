-- WHERE col = :p makes col non-null (and :p non-null).

-- name: ByName :many
-- expect: display_name non-null
-- expect params: name non-null
SELECT display_name FROM users WHERE display_name = :name;
