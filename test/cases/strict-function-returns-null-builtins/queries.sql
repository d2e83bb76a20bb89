-- More strict built-ins that return NULL for non-null arguments (a non-null verdict for any of them is UNSAFE).

-- name: MoreNulls :many
-- expect: no_class nullable, no_position nullable, no_lower nullable, no_dims nullable, no_ndims nullable, no_path nullable, no_setting nullable, no_description nullable
SELECT to_regclass('no_such_table') AS no_class,
       array_position(ARRAY[1, 2], 3) AS no_position,
       array_lower('{}'::int[], 1) AS no_lower,
       array_dims('{}'::int[]) AS no_dims,
       array_ndims('{}'::int[]) AS no_ndims,
       jsonb_path_query_first('{}'::jsonb, '$.a') AS no_path,
       current_setting('sqlsure.missing', true) AS no_setting,
       obj_description(0::oid, 'pg_class') AS no_description
FROM users;

-- name: NumericNaN :many
-- expect: nan_scale nullable, nan_min_scale nullable
SELECT scale('NaN'::numeric) AS nan_scale, min_scale('NaN'::numeric) AS nan_min_scale;

-- name: CatalogLookups :many
-- expect: no_sequence nullable, no_relation_size nullable, no_privilege nullable, no_viewdef nullable
SELECT pg_get_serial_sequence('users', 'email') AS no_sequence,
       pg_relation_size(1::oid::regclass) AS no_relation_size,
       has_table_privilege(1::oid, 'select') AS no_privilege,
       pg_get_viewdef(1::oid) AS no_viewdef;
