-- WHERE b.col IS NOT NULL narrows b.col only, not the same column of another instance (a) of the table.

-- name: Pairs :many
-- expect: display_name nullable, other_name non-null
SELECT a.display_name, b.display_name AS other_name FROM users a CROSS JOIN users b WHERE b.display_name IS NOT NULL;
