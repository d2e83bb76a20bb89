-- LEFT JOIN with `WHERE p.title = $1` (the plan may fold to one row): u columns stay nullable.

-- name: ByTitlePositional :many
-- expect: title non-null, email nullable
-- expect params: title non-null
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE p.title = $1;

-- name: ByTitleNamed :many
-- expect: title non-null, email nullable
-- expect params: title non-null
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE p.title = :title;
