-- `(a JOIN b) AS j`: j's columns keep the nullability of the columns they stand for, also when renamed by a column list.

-- name: Aliased :many
-- expect: title non-null, email nullable
SELECT j.title, j.email FROM (posts p LEFT JOIN users u ON u.id = p.user_id) AS j;

-- name: Renamed :many
-- expect: post_id non-null, author nullable, heading non-null
SELECT j.post_id, j.author, j.heading FROM (posts p LEFT JOIN users u ON u.id = p.user_id) AS j(post_id, author, heading);
