-- Chained LEFT JOINs: each right side is nullable.

-- name: PostsAuthorsProfiles :many
-- expect: title non-null, email nullable, bio nullable
SELECT p.title, u.email, pr.bio FROM posts p LEFT JOIN users u ON u.id = p.user_id LEFT JOIN profiles pr ON pr.user_id = u.id;
