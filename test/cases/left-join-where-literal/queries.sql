-- LEFT JOIN filtered to one row by a literal (primary-key lookup): u columns stay nullable.

-- name: ByTitle :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE p.title = 'orphan';

-- name: ById :many
-- expect: title non-null, email nullable
SELECT p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = 2;
