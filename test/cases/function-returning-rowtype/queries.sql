-- A function returning SETOF a table's row type (or a cast to it) does not enforce the table's NOT NULL.

-- name: SetofRowtype :many
SELECT id, email FROM odd_users();

-- name: ReturnsTable :many
SELECT t.id, t.email FROM odd_table() AS t;

-- name: CastToRowtype :many
SELECT (r).id, (r).email FROM (SELECT ROW(1, NULL, NULL, NULL)::users AS r) s;
