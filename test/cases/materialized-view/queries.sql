-- A materialized view: nullability is that of its definition (a LEFT JOIN's right side is nullable).

-- name: PostAuthors :many
-- expect: id non-null, title non-null, email nullable
SELECT id, title, email FROM post_authors;
