-- A LEFT JOIN's ON condition holds in every matched row; once WHERE proves the row matched (u.id IS NOT NULL),
-- the columns the ON condition tested are non-null too. u's other nullable columns stay nullable.

-- name: NamedAuthors :many
-- expect: title non-null, display_name non-null, age nullable
SELECT p.title, u.display_name, u.age FROM posts p LEFT JOIN users u ON u.id = p.user_id AND u.display_name IS NOT NULL WHERE u.id IS NOT NULL;
