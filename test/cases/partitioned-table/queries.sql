-- Columns of a partitioned table (relkind p) keep their NOT NULL.

-- name: Events :many
-- expect: id non-null, kind non-null, detail nullable
SELECT id, kind, detail FROM events;
