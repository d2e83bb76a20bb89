-- max/min/sum/avg without GROUP BY are nullable: over an empty table they return one row of NULLs.

-- name: OverEmptyTable :many
-- expect: max_id nullable, min_id nullable, total nullable, mean nullable
SELECT max(id) AS max_id, min(id) AS min_id, sum(score) AS total, avg(score) AS mean FROM drafts;

-- name: OverRows :many
-- expect: max_id over-nullable (reason: can be NULL — no GROUP BY and users could be empty; OverEmptyTable shows it), min_id over-nullable (reason: can be NULL — no GROUP BY and users could be empty; OverEmptyTable shows it)
-- expect: total over-nullable (reason: can be NULL — no GROUP BY and users could be empty; OverEmptyTable shows it), mean over-nullable (reason: can be NULL — no GROUP BY and users could be empty; OverEmptyTable shows it)
SELECT max(id) AS max_id, min(id) AS min_id, sum(id) AS total, avg(id) AS mean FROM users;
