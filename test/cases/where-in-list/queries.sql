-- WHERE col IN (…) makes col non-null.

-- name: Some :many
-- expect: display_name non-null
SELECT display_name FROM users WHERE display_name IN ('Ann', 'Cy');
