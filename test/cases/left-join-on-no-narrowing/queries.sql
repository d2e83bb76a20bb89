-- A LEFT JOIN's ON clause (`AND u.display_name IS NOT NULL`) does not narrow the right side: unmatched rows are NULL.

-- name: NamedAuthors :many
-- expect: title non-null, display_name nullable
SELECT p.title, u.display_name FROM posts p LEFT JOIN users u ON u.id = p.user_id AND u.display_name IS NOT NULL;
