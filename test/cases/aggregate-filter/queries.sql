-- FILTER: count(*) FILTER is non-null; max(x) FILTER is nullable even with GROUP BY (the filter may drop every row).

-- name: Filtered :many
-- expect: user_id nullable, with_body non-null, last_with_body nullable, big nullable
SELECT user_id,
       count(*) FILTER (WHERE body IS NOT NULL) AS with_body,
       max(id) FILTER (WHERE body IS NOT NULL) AS last_with_body,
       sum(id) FILTER (WHERE id > 100) AS big
FROM posts GROUP BY user_id;
