-- bool_and/bool_or/every are NULL over no rows or only NULL inputs: with GROUP BY they are non-null only of a
-- non-null argument.

-- name: Grouped :many
-- expect: user_id nullable, all_bodies non-null, any_long nullable, all_positive non-null
SELECT user_id, bool_and(body IS NOT NULL) AS all_bodies, bool_or(length(body) > 5) AS any_long, every(id > 0) AS all_positive
FROM posts GROUP BY user_id;

-- name: OverEmptyTable :many
-- expect: all_positive nullable
SELECT bool_and(id > 0) AS all_positive FROM drafts;
