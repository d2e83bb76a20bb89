-- A view with GROUP BY over a LEFT JOIN: count() non-null, max() of the null side nullable.

-- name: PostCounts :many
-- expect: id non-null, n non-null, last_post nullable
SELECT id, n, last_post FROM post_counts;
