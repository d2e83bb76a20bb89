-- Subscripting and array_length are nullable (empty array); cardinality() is not.

-- name: FirstTags :many
-- expect: first_tag nullable, n_tags nullable, card non-null
SELECT tags[1] AS first_tag, array_length(tags, 1) AS n_tags, cardinality(tags) AS card FROM articles;
