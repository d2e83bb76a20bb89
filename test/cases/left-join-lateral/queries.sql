-- LEFT JOIN LATERAL (subquery) ON true: the lateral subquery's columns are nullable.

-- name: LastComment :many
-- expect: title non-null, last_comment nullable
SELECT p.title, c.body AS last_comment FROM posts p LEFT JOIN LATERAL (SELECT body FROM comments WHERE post_id = p.id ORDER BY id DESC LIMIT 1) c ON true;
