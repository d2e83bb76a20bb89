-- A column of a NOT NULL domain (directly or through a base domain) is non-null; a plain domain column is nullable.

-- name: Notes :many
SELECT id, title, tag, subtitle FROM notes;
