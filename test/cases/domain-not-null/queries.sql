-- A column of a NOT NULL domain (directly or through a base domain) is non-null; a plain domain column, or a domain
-- over one, is nullable.

-- name: Notes :many
-- expect: id non-null, title non-null, tag non-null, subtitle nullable, remark nullable
SELECT id, title, tag, subtitle, remark FROM notes;
