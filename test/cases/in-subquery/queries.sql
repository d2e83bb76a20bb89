-- x IN (subquery) is NULL when x is not found and the subquery yields a NULL (posts.user_id has one).

-- name: Membership :many
-- expect: id non-null, wrote nullable, never_wrote nullable
SELECT u.id, u.id IN (SELECT user_id FROM posts) AS wrote, u.id NOT IN (SELECT user_id FROM posts) AS never_wrote FROM users u;
