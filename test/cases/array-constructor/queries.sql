-- ARRAY[…] and ARRAY(subquery) are non-null (ARRAY(empty subquery) is {}); elements may be NULL.

-- name: Arrays :many
-- expect: pair non-null, post_ids non-null
SELECT ARRAY[email, display_name] AS pair, ARRAY(SELECT p.id FROM posts p WHERE p.user_id = u.id) AS post_ids FROM users u;
