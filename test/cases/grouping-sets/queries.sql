-- GROUPING SETS: a grouped column is NULL in the rows of the sets that leave it out, even when NOT NULL in the table.

-- name: Sets :many
-- expect: user_id nullable, title nullable, n non-null
SELECT user_id, title, count(*) AS n FROM posts GROUP BY GROUPING SETS ((user_id), (title), ());
