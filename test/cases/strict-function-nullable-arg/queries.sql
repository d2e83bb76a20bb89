-- A strict function of a nullable argument is nullable (upper(nullable), lower(nullable), length(nullable)).

-- name: Transformed :many
-- expect: up nullable, down nullable, len nullable
SELECT upper(display_name) AS up, lower(display_name) AS down, length(display_name) AS len FROM users;
