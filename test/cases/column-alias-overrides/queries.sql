-- Alias overrides: `AS "x?"` forces nullable; `AS "x!"` forces non-null (the user vouches for it).

-- name: Overridden :many
SELECT email AS "email?", coalesce(display_name, email) AS "label!" FROM users;
