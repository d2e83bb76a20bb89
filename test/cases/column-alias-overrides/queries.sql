-- Alias overrides: `AS "x?"` forces nullable; `AS "x!"` forces non-null (the user vouches for it).

-- name: Overridden :many
-- expect: email over-nullable (reason: never NULL — users.email is NOT NULL; the `?` override forces nullable on purpose), label non-null
SELECT email AS "email?", coalesce(display_name, email) AS "label!" FROM users;
