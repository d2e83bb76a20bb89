-- RIGHT JOIN under ORDER BY and LIMIT: the left side stays nullable.

-- name: UsersWithPostsSorted :many
-- expect: title nullable, email non-null
SELECT p.title, u.email FROM posts p RIGHT JOIN users u ON u.id = p.user_id ORDER BY u.id DESC LIMIT 10;
