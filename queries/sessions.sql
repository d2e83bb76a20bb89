-- Devices and sign-in sessions.

-- name: UpsertDevice :one
-- Called on every sign-in; a known fingerprint refreshes the existing row.
INSERT INTO devices (user_id, fingerprint, kind, name, user_agent, last_seen_at)
VALUES (:userId!, :fingerprint!, :kind!, :name?, :userAgent?, now())
ON CONFLICT (user_id, fingerprint) DO UPDATE
SET last_seen_at = now(),
    user_agent = EXCLUDED.user_agent,
    name = coalesce(EXCLUDED.name, devices.name)
RETURNING id AS device_id, kind, name, user_agent, created_at;

-- name: CreateSession :one
INSERT INTO sessions (user_id, device_id, ip_address, expires_at, data)
VALUES (:userId!, :deviceId?, :ipAddress?, :expiresAt!, :data!)
RETURNING id AS session_id, device_id, ip_address, created_at, expires_at;

-- name: GetSessionWithUser :maybe
SELECT s.id AS session_id,
       s.user_id,
       u.email,
       u.display_name,
       u.status AS user_status,
       s.data,
       s.expires_at,
       s.revoked_at,
       d.id AS device_id,
       d.kind AS device_kind,
       d.name AS device_name
FROM sessions s
JOIN users u ON u.id = s.user_id
LEFT JOIN devices d ON d.id = s.device_id
WHERE s.id = :sessionId!;

-- name: ListRecentSessions :many
SELECT s.id AS session_id,
       s.created_at,
       s.last_seen_at,
       s.revoked_at,
       d.name AS device_name,
       d.kind AS device_kind
FROM sessions s
LEFT JOIN devices d ON d.id = s.device_id
WHERE s.user_id = :userId!
  AND s.created_at > :since!
ORDER BY s.created_at DESC
LIMIT :limit!;

-- name: ListActiveSessionsForUser :many
SELECT session_id, device_name, device_kind, ip_address, created_at, expires_at, last_seen_at
FROM active_sessions
WHERE user_id = :userId!
ORDER BY created_at DESC;

-- name: TouchSession :exec
UPDATE sessions
SET last_seen_at = now()
WHERE id = :sessionId!
  AND revoked_at IS NULL;

-- name: RevokeSession :execrows
-- The user id guards against revoking someone else's session.
UPDATE sessions
SET revoked_at = now()
WHERE id = :sessionId!
  AND user_id = :userId!
  AND revoked_at IS NULL;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions
WHERE expires_at < :before!;
