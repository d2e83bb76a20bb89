-- A set-returning operator in the select list runs in lockstep with a set-returning function, so it pads
-- generate_series() with NULLs like a second SRF would.

-- name: SeriesBesideOperator :many
-- expect: id non-null, g nullable, r over-nullable (reason: never NULL here — the operator yields the longer set, 1 to 3; a user-defined operator is never trusted to return a value)
SELECT id, generate_series(1, 1) AS g, 1 ~~~ 3 AS r FROM articles;
