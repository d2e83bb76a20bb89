-- `IS NOT FALSE`, `IS NOT TRUE` and `IS UNKNOWN` are true for NULL: they prove nothing, the column stays nullable
-- (the seed's NULL row passes each of them, so treating any as proof fails the UNSAFE check).

-- name: IsNotFalse :many
-- expect: id non-null, active nullable
SELECT id, active FROM flags WHERE active IS NOT FALSE;

-- name: IsNotTrue :many
-- expect: id non-null, active nullable
SELECT id, active FROM flags WHERE active IS NOT TRUE;

-- name: IsUnknown :many
-- expect: id non-null, active nullable
SELECT id, active FROM flags WHERE active IS UNKNOWN;

-- name: NotIsTrue :many
-- expect: id non-null, active nullable
SELECT id, active FROM flags WHERE NOT (active IS TRUE);
