-- Track when a session was last used, so idle sessions can be shown and expired.

ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;

-- Backfill: a live session was at least seen when it was created.
UPDATE sessions SET last_seen_at = created_at WHERE revoked_at IS NULL;

-- New columns may only be appended to a view; last_seen_at goes at the end.
CREATE OR REPLACE VIEW active_sessions AS
SELECT s.id         AS session_id,
       s.user_id,
       u.email,
       u.display_name,
       s.device_id,
       d.name       AS device_name,
       d.kind       AS device_kind,
       s.ip_address,
       s.created_at,
       s.expires_at,
       s.last_seen_at
FROM sessions s
JOIN users u ON u.id = s.user_id
LEFT JOIN devices d ON d.id = s.device_id
WHERE s.revoked_at IS NULL
  AND s.expires_at > now()
  AND u.status = 'active';
