-- Non-strict functions that never return NULL (concat, concat_ws, format, num_nulls, jsonb_build_object).

-- name: Formatted :many
-- expect: c non-null, cw non-null, f non-null, nn non-null, obj non-null
SELECT concat(display_name, '!') AS c, concat_ws(',', email, display_name) AS cw,
       format('%s', display_name) AS f, num_nulls(display_name, age) AS nn,
       jsonb_build_object('n', display_name) AS obj
FROM users;
