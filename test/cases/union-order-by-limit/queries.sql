-- A set operation with ORDER BY / LIMIT on the whole: same rule as without.

-- name: Sorted :many
-- expect: label non-null, detail nullable
(SELECT title AS label, body AS detail FROM posts) UNION ALL (SELECT email, display_name FROM users) ORDER BY label LIMIT 10;
