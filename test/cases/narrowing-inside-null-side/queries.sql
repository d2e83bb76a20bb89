-- An inner join nested on the null side of a LEFT JOIN: its ON clause does not make its columns non-null outside.

-- name: UsersWithCommentedPosts :many
-- expect: email non-null, user_id nullable, body nullable
SELECT u.email, p.user_id, c.body FROM users u LEFT JOIN (posts p JOIN comments c ON c.post_id = p.id) ON p.user_id = u.id;
