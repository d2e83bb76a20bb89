-- Columns of a partitioned table (relkind p) keep their NOT NULL.

-- name: Events :many
SELECT id, kind, detail FROM events;
