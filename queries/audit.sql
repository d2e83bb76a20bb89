-- The audit log. Actions look like 'user:login'; the colons in string
-- literals below are not parameters.

-- name: RecordAuditEvent :exec
INSERT INTO audit_log (actor_id, action, target_type, target_id, details)
VALUES (:actorId?, :action!, :targetType!, :targetId?, :details!);

-- name: AppendAuditEvent :one
INSERT INTO audit_log (actor_id, action, target_type, target_id, ip_address, details)
VALUES (:actorId?, :action!, :targetType!, :targetId?, :ipAddress?, :details!)
RETURNING id AS audit_id, occurred_at;

-- name: ListAuditForActor :many
SELECT id AS audit_id, occurred_at, action, target_type, target_id, ip_address, details
FROM audit_log
WHERE actor_id = :actorId!
ORDER BY occurred_at DESC, id DESC
LIMIT :limit!;

-- name: ListUserActionsSince :many
SELECT a.id AS audit_id,
       a.occurred_at::date AS day,
       a.action,
       split_part(a.action, ':', 2) AS verb,
       a.details->>'reason' AS reason
FROM audit_log a
WHERE a.action LIKE 'user:%'
  AND a.occurred_at >= :since!::timestamptz
ORDER BY a.id;

-- name: CountEventsByAction :many
-- max() of a NOT NULL column over a non-empty group is never NULL.
SELECT action,
       count(*) AS event_count,
       count(DISTINCT actor_id) AS actor_count,
       max(occurred_at) AS "last_occurred_at!"
FROM audit_log
WHERE occurred_at >= :since!
GROUP BY action
ORDER BY event_count DESC, action;
