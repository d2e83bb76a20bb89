-- LEFT JOIN to a view: the view's columns are nullable on the null side even where the view proves them non-null.

-- name: PostsWithViewAuthors :many
-- expect: title non-null, email nullable
SELECT p.title, v.email FROM posts p LEFT JOIN user_emails v ON v.id = p.user_id;
