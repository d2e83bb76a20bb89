-- A cast through a user-defined cast function can turn a non-null value into NULL: casts keep nullability only for built-in casts.

-- name: Casted :many
-- expect: id non-null, as_pair nullable
SELECT id, id::pair::text AS as_pair FROM users;
