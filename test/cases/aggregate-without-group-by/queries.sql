-- max/min/sum/avg without GROUP BY are nullable: over an empty table they return one row of NULLs.

-- name: OverEmptyTable :many
SELECT max(id) AS max_id, min(id) AS min_id, sum(score) AS total, avg(score) AS mean FROM drafts;

-- name: OverRows :many
SELECT max(id) AS max_id, min(id) AS min_id, sum(id) AS total, avg(id) AS mean FROM users;
