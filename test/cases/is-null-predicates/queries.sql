-- IS [NOT] NULL and IS [NOT] DISTINCT FROM are never NULL.

-- name: Predicates :many
-- expect: no_name non-null, has_name non-null, not_34 non-null, age_unknown non-null
SELECT display_name IS NULL AS no_name, display_name IS NOT NULL AS has_name,
       age IS DISTINCT FROM 34 AS not_34, age IS NOT DISTINCT FROM NULL AS age_unknown
FROM users;
