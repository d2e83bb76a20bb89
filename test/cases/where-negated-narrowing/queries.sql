-- A negated IS NOT NULL does not narrow: `NOT (col IS NOT NULL)` and `(col IS NOT NULL) IS FALSE` keep only NULLs.

-- name: NotNotNull :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE NOT (display_name IS NOT NULL);

-- name: IsFalse :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE (display_name IS NOT NULL) IS FALSE;
