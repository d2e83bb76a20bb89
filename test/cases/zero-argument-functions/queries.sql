-- Zero-argument built-ins are non-null only when listed as always returning a value: now(), pg_backend_pid();
-- pg_last_wal_receive_lsn() is NULL on a server that is not a streaming standby.

-- name: NoArgs :many
-- expect: at non-null, pid non-null, no_lsn nullable
SELECT now() AS at, pg_backend_pid() AS pid, pg_last_wal_receive_lsn() AS no_lsn;
