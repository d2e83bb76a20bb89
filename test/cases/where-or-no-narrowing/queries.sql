-- An OR does not narrow: `col IS NOT NULL OR …` lets NULL through.

-- name: NamedOrBob :many
SELECT display_name FROM users WHERE display_name IS NOT NULL OR id = 2;
