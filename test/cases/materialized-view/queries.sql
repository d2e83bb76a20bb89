-- A materialized view: nullability is that of its definition (a LEFT JOIN's right side is nullable).

-- name: PostAuthors :many
SELECT id, title, email FROM post_authors;
