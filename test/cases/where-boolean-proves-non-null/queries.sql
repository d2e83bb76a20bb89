-- A nullable boolean column filtered by a test that is false (or NULL) for NULL is non-null:
-- `IS TRUE`, `IS FALSE`, `= true`, the bare column, `NOT column`.

-- name: IsTrue :many
-- expect: id non-null, active non-null
SELECT id, active FROM flags WHERE active IS TRUE;

-- name: IsFalse :many
-- expect: id non-null, active non-null
SELECT id, active FROM flags WHERE active IS FALSE;

-- name: EqualsTrue :many
-- expect: id non-null, active non-null
SELECT id, active FROM flags WHERE active = true;

-- name: BareColumn :many
-- expect: id non-null, active non-null
SELECT id, active FROM flags WHERE active;

-- name: NotColumn :many
-- expect: id non-null, active non-null
SELECT id, active FROM flags WHERE NOT active;
