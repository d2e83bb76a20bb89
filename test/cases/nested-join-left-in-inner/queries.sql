-- `(posts LEFT JOIN users) JOIN categories`: only the LEFT JOIN's right side is nullable.

-- name: PostsInCategories :many
-- expect: name non-null, title non-null, email nullable
SELECT c.name, p.title, u.email FROM (posts p LEFT JOIN users u ON u.id = p.user_id) JOIN categories c ON c.id = p.category_id;
