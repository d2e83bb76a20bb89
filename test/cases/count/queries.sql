-- count(*), count(col) and count(DISTINCT col) are never NULL — also over an empty table and the null side of a LEFT JOIN.

-- name: Counts :many
-- expect: n non-null, named non-null, ages non-null
SELECT count(*) AS n, count(display_name) AS named, count(DISTINCT age) AS ages FROM users;

-- name: CountsOfEmpty :many
-- expect: n non-null, noted non-null
SELECT count(*) AS n, count(note) AS noted FROM drafts;

-- name: CountOverLeftJoin :many
-- expect: id non-null, n non-null
SELECT p.id, count(u.id) AS n FROM posts p LEFT JOIN users u ON u.id = p.user_id GROUP BY p.id;
