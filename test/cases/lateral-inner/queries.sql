-- CROSS JOIN LATERAL does not null-extend; an aggregate subquery always yields one row (count non-null, max nullable).

-- name: CommentStats :many
-- expect: title non-null, n non-null, latest nullable
SELECT p.title, c.n, c.latest FROM posts p CROSS JOIN LATERAL (SELECT count(*) AS n, max(id) AS latest FROM comments WHERE post_id = p.id) c;
