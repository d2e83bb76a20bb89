-- A function returning SETOF a table's row type (or a cast to it) does not enforce the table's NOT NULL.

-- name: SetofRowtype :many
-- expect: id over-nullable (reason: never NULL for this function, but a function's row type does not enforce NOT NULL and sqlsure does not analyse function bodies), email nullable
SELECT id, email FROM odd_users();

-- name: ReturnsTable :many
-- expect: id over-nullable (reason: never NULL for this function, but sqlsure does not analyse function bodies), email nullable
SELECT t.id, t.email FROM odd_table() AS t;

-- name: CastToRowtype :many
-- expect: id over-nullable (reason: never NULL — the row is built from the literal 1, but field selection from a composite is not analysed), email nullable
SELECT (r).id, (r).email FROM (SELECT ROW(1, NULL, NULL, NULL)::users AS r) s;
