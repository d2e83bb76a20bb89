-- LEFT JOIN LATERAL to a set-returning function: its output is nullable (empty array → no match).

-- name: ArticleTags :many
-- expect: title non-null, tag nullable
SELECT a.title, t.tag FROM articles a LEFT JOIN LATERAL unnest(a.tags) AS t(tag) ON true;
