-- Reports for the staff console.

-- name: UserSessionTokenTotals :many
-- Users with sessions, tokens, or both; the missing side is NULL.
-- Each side of the FULL JOIN supplies a user id, so the coalesce is never NULL.
WITH session_totals AS (
    SELECT user_id, count(*) AS session_count
    FROM sessions
    GROUP BY user_id
), token_totals AS (
    SELECT user_id, count(*) AS token_count
    FROM oauth_access_tokens
    WHERE user_id IS NOT NULL
    GROUP BY user_id
)
SELECT coalesce(st.user_id, tt.user_id) AS "user_id!",
       st.session_count,
       tt.token_count
FROM session_totals st
FULL JOIN token_totals tt ON tt.user_id = st.user_id
ORDER BY 1;

-- name: RoleMemberCounts :many
SELECT r.name AS role_name,
       r.description,
       count(ur.user_id) AS member_count
FROM user_roles ur
RIGHT JOIN roles r ON r.id = ur.role_id
GROUP BY r.id
ORDER BY r.name;

-- name: ReconcileLoginEmails :many
-- Login emails with no matching user_emails row, and listed emails nobody logs in with:
-- each side of the FULL JOIN is NULL where the other has no partner.
SELECT u.id AS user_id,
       u.email AS login_email,
       ue.id AS email_id,
       ue.email AS listed_email
FROM users u
FULL JOIN user_emails ue ON ue.user_id = u.id AND ue.email = u.email
WHERE ue.id IS NULL OR u.id IS NULL
ORDER BY 2, 4;

-- name: ListRoleHolders :many
-- Every role, with each holder; a role nobody holds still appears once, with NULL holder columns.
SELECT r.name AS role_name,
       ur.user_id AS holder_id,
       ur.granted_at
FROM user_roles ur
RIGHT JOIN roles r ON r.id = ur.role_id
ORDER BY r.name, ur.granted_at;

-- name: OrganizationMembershipSummary :many
SELECT o.slug,
       o.name AS org_name,
       count(m.user_id) AS member_count,
       count(*) FILTER (WHERE m.role = 'owner') AS owner_count,
       max(m.created_at) AS newest_member_at
FROM organizations o
LEFT JOIN memberships m ON m.organization_id = o.id
GROUP BY o.id
ORDER BY o.slug;

-- name: UserActivityOverview :many
SELECT u.id AS user_id,
       u.email,
       u.display_name,
       u.status,
       count(s.id) AS session_count,
       max(s.last_seen_at) AS last_active_at
FROM users u
LEFT JOIN sessions s ON s.user_id = u.id
WHERE u.status IN :statuses[]
GROUP BY u.id
ORDER BY u.email;

-- name: ListOrgMembers :many
SELECT u.id AS user_id,
       u.email,
       u.display_name,
       m.role,
       m.created_at AS joined_at,
       inviter.email AS invited_by_email
FROM memberships m
JOIN organizations o ON o.id = m.organization_id
JOIN users u ON u.id = m.user_id
LEFT JOIN users inviter ON inviter.id = m.invited_by
WHERE o.slug = :orgSlug!
ORDER BY m.created_at, u.email;

-- name: SetMembershipRole :one
INSERT INTO memberships (organization_id, user_id, role, invited_by)
VALUES (:organizationId!, :userId!, :role!, :invitedBy?)
ON CONFLICT (organization_id, user_id) DO UPDATE
SET role = EXCLUDED.role
RETURNING organization_id, user_id, role, invited_by;

-- name: GrantRole :exec
INSERT INTO user_roles (user_id, role_id, granted_by)
VALUES (:userId!, (SELECT id FROM roles WHERE name = :roleName!), :grantedBy?)
ON CONFLICT (user_id, role_id) DO NOTHING;
