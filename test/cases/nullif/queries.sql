-- NULLIF is nullable, even of non-null arguments.

-- name: NotAnn :many
-- expect: not_ann nullable, id_or_null over-nullable (reason: can be NULL — nullif(id, 0) is NULL for id 0, and no seeded user has id 0)
SELECT nullif(email, 'ann@example.com') AS not_ann, nullif(id, 0) AS id_or_null FROM users;
