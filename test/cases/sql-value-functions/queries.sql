-- now(), CURRENT_DATE, CURRENT_USER, CURRENT_TIMESTAMP, LOCALTIMESTAMP are non-null.

-- name: Now :many
-- expect: at non-null, today non-null, who non-null, ts non-null, lts non-null
SELECT now() AS at, CURRENT_DATE AS today, CURRENT_USER AS who, CURRENT_TIMESTAMP AS ts, LOCALTIMESTAMP AS lts;
