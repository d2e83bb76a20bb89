-- The optional-filter idiom `(:p IS NULL OR col = :p)`: the parameter accepts NULL.

-- name: MaybeByEmail :many
-- expect: id non-null
-- expect params: email nullable
SELECT id FROM users WHERE (:email::text IS NULL OR email = :email);
