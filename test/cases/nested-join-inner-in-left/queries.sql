-- `a LEFT JOIN (b JOIN c ON …) ON …`: both b and c are on the null side.

-- name: PostsProfiledAuthors :many
-- expect: title non-null, email nullable, bio nullable
SELECT p.title, u.email, pr.bio FROM posts p LEFT JOIN (users u JOIN profiles pr ON pr.user_id = u.id) ON u.id = p.user_id;
