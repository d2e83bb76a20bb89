-- array_agg/json_agg/jsonb_agg/json_object_agg are NULL only over no rows: nullable without GROUP BY, non-null with it
-- (of anything: NULL inputs become NULL elements).

-- name: Grouped :many
-- expect: user_id nullable, ids non-null, titles non-null, bodies non-null
SELECT user_id, array_agg(id ORDER BY id) AS ids, json_agg(title) AS titles, jsonb_agg(body) AS bodies FROM posts GROUP BY user_id;

-- name: OverEmptyTable :many
-- expect: ids nullable, j nullable, jb nullable, obj nullable
SELECT array_agg(id) AS ids, json_agg(id) AS j, jsonb_agg(id) AS jb, json_object_agg(id, score) AS obj FROM drafts;
