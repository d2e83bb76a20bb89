-- string_agg is NULL over no rows or when every value is NULL: with GROUP BY it is non-null only of a non-null argument.

-- name: Grouped :many
-- expect: user_id nullable, titles non-null, bodies nullable
SELECT user_id, string_agg(title, ', ') AS titles, string_agg(body, ', ') AS bodies FROM posts GROUP BY user_id;

-- name: OverEmptyTable :many
-- expect: notes nullable
SELECT string_agg(note, ',') AS notes FROM drafts;
