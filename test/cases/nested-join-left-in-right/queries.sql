-- `(posts LEFT JOIN users) RIGHT JOIN categories`: everything inside the left operand of the RIGHT JOIN is nullable.

-- name: CategoriesWithPosts :many
-- expect: name non-null, title nullable, email nullable
SELECT c.name, p.title, u.email FROM (posts p LEFT JOIN users u ON u.id = p.user_id) RIGHT JOIN categories c ON c.id = p.category_id;
