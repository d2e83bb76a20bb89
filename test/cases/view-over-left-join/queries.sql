-- A view over a LEFT JOIN: the view column from the null side is nullable.

-- name: PostAuthors :many
SELECT id, title, email FROM post_authors;
