-- An aggregate over an empty table inside a subquery is NULL outside too.

-- name: NewestDraft :many
-- expect: newest nullable
SELECT s.newest FROM (SELECT max(id) AS newest FROM drafts) s;
