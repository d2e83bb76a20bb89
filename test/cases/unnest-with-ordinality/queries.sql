-- WITH ORDINALITY adds a non-null ordinal; the element stays nullable.

-- name: Numbered :many
-- expect: v nullable, n non-null
SELECT t.v, t.n FROM unnest(ARRAY['a', NULL]) WITH ORDINALITY AS t(v, n);
