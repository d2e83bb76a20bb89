-- Sessions that can still be used: not revoked, not expired, owner in good standing.

CREATE VIEW active_sessions AS
SELECT s.id         AS session_id,
       s.user_id,
       u.email,
       u.display_name,
       s.device_id,
       d.name       AS device_name,
       d.kind       AS device_kind,
       s.ip_address,
       s.created_at,
       s.expires_at
FROM sessions s
JOIN users u ON u.id = s.user_id
LEFT JOIN devices d ON d.id = s.device_id
WHERE s.revoked_at IS NULL
  AND s.expires_at > now()
  AND u.status = 'active';
