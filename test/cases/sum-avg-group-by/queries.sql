-- sum/avg with GROUP BY: non-null over a NOT NULL column, nullable over a nullable one (a group of only NULLs).

-- name: Sums :many
-- expect: user_id nullable, total non-null, mean non-null, body_len nullable
SELECT user_id, sum(id) AS total, avg(id) AS mean, sum(length(body)) AS body_len FROM posts GROUP BY user_id;
