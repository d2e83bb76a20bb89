-- The optional-filter idiom `(:p IS NULL OR col = :p)`: the parameter accepts NULL.

-- name: MaybeByEmail :many
SELECT id FROM users WHERE (:email::text IS NULL OR email = :email);
