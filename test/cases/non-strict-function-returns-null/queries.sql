-- A non-strict (CALLED ON NULL INPUT) function may return NULL for any input; array_cat(NULL, NULL) is NULL.

-- name: NullsFromNonStrict :many
-- expect: user_defined nullable, cat nullable
SELECT nothing_for(id) AS user_defined, array_cat(NULL::int[], NULL::int[]) AS cat FROM users;
