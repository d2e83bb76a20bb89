-- Predicates that can be true for NULL do not narrow: coalesce(col, …) = …, IS DISTINCT FROM, IS NOT TRUE, CASE, IS NULL OR, NOT EXISTS.

-- name: Coalesced :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE coalesce(display_name, 'x') = 'x';

-- name: DistinctFrom :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE display_name IS DISTINCT FROM 'Ann';

-- name: NotTrue :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE (display_name = 'Ann') IS NOT TRUE;

-- name: Case :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE CASE WHEN id = 2 THEN true ELSE display_name IS NOT NULL END;

-- name: NullOrEqual :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE display_name IS NULL OR display_name = 'Ann';

-- name: NotExists :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE NOT EXISTS (SELECT 1 FROM posts WHERE users.display_name IS NOT NULL);
