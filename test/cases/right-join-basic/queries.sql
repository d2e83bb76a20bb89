-- posts p RIGHT JOIN users u: p columns are nullable (Cy has no posts), u keeps NOT NULL.

-- name: UsersWithPosts :many
-- expect: title nullable, email non-null
SELECT p.title, u.email FROM posts p RIGHT JOIN users u ON u.id = p.user_id;
