-- An OR does not narrow: `col IS NOT NULL OR …` lets NULL through.

-- name: NamedOrBob :many
-- expect: display_name nullable
SELECT display_name FROM users WHERE display_name IS NOT NULL OR id = 2;
