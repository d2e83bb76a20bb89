-- A view over a LEFT JOIN: the view column from the null side is nullable.

-- name: PostAuthors :many
-- expect: id non-null, title non-null, email nullable
SELECT id, title, email FROM post_authors;
