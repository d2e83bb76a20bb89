-- A NOT NULL domain column on the null side of an outer join is still nullable.

-- name: NotebooksWithNotes :many
-- expect: name non-null, title nullable, tag nullable
SELECT b.name, n.title, n.tag FROM notebooks b LEFT JOIN notes n ON n.notebook_id = b.id;
