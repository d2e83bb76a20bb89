-- NULLIF is nullable, even of non-null arguments.

-- name: NotAnn :many
SELECT nullif(email, 'ann@example.com') AS not_ann, nullif(id, 0) AS id_or_null FROM users;
