-- posts p LEFT JOIN users u: every u column is nullable (post 2 has no user), p columns keep NOT NULL.

-- name: PostsWithAuthors :many
-- expect: id non-null, title non-null, author_id nullable, email nullable
SELECT p.id, p.title, u.id AS author_id, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id;
