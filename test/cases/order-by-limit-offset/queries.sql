-- Top-level ORDER BY, LIMIT/OFFSET and FETCH FIRST do not change nullability.

-- name: Paged :many
-- expect: id non-null, email non-null, display_name nullable
SELECT id, email, display_name FROM users ORDER BY id LIMIT 2 OFFSET 1;

-- name: Fetched :many
-- expect: id non-null, email non-null, display_name nullable
SELECT id, email, display_name FROM users ORDER BY id DESC FETCH FIRST 2 ROWS ONLY;
