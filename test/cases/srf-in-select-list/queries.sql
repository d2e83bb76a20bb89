-- A set-returning function in the select list: unnest() elements are nullable; generate_series() of non-null arguments
-- is not, when it is the only SRF of the select list (several SRFs run in lockstep, the shorter padded with NULLs).

-- name: Tags :many
-- expect: id non-null, tag nullable
SELECT id, unnest(tags) AS tag FROM articles;

-- name: Series :many
-- expect: id non-null, g non-null
SELECT id, generate_series(1, id) AS g FROM articles;

-- Two SRFs in one select list run in lockstep: the shorter one is padded with NULLs.
-- name: TwoSeries :many
-- expect: id non-null, g nullable, h nullable
SELECT id, generate_series(1, id) AS g, generate_series(1, 2) AS h FROM articles;

-- An SRF in ORDER BY runs in the same lockstep, so it pads the select list's SRF too.
-- name: SeriesOrderedBySeries :many
-- expect: g nullable
SELECT generate_series(1, 2) AS g ORDER BY generate_series(1, 3);
