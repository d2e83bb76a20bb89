-- OAuth clients and tokens.

-- name: GetOAuthClientByClientId :maybe
SELECT id, client_id, name, owner_id, redirect_uris, scopes, is_confidential, secret_hash
FROM oauth_clients
WHERE client_id = :clientId!;

-- name: RegisterOAuthClient :one
INSERT INTO oauth_clients (client_id, name, owner_id, redirect_uris, scopes, is_confidential, secret_hash)
VALUES (:clientId!, :name!, :ownerId?, :redirectUris!, :scopes!, :isConfidential!, :secretHash?)
RETURNING id, client_id, owner_id, redirect_uris, scopes, created_at;

-- name: RegisterOAuthClients :execrows
-- redirect_uris and scopes are arrays, which unnest would flatten: this bulk insert is expanded
-- at runtime instead, one VALUES row per client (and an empty list inserts nothing).
INSERT INTO oauth_clients (client_id, name, redirect_uris, scopes, is_confidential, secret_hash)
VALUES :clients;

-- name: ListClientsWithOwners :many
SELECT c.client_id,
       c.name AS client_name,
       cardinality(c.redirect_uris) AS redirect_uri_count,
       c.created_at,
       u.email AS owner_email,
       u.display_name AS owner_display_name
FROM oauth_clients c
LEFT JOIN users u ON u.id = c.owner_id
ORDER BY c.client_id;

-- name: FindClientsWithScopes :many
SELECT client_id, name, scopes, owner_id
FROM oauth_clients
WHERE scopes @> :requiredScopes!
ORDER BY client_id;

-- name: IssueAccessToken :one
INSERT INTO oauth_access_tokens (oauth_client_id, user_id, token_hash, scopes, expires_at)
VALUES (:oauthClientId!, :userId?, :tokenHash!, :scopes!, :expiresAt!)
RETURNING id AS token_id, user_id, scopes, expires_at;

-- name: FindValidAccessToken :maybe
-- Client-credentials tokens have no user, hence the LEFT JOIN.
SELECT t.id AS token_id,
       t.scopes,
       t.expires_at,
       c.client_id,
       c.name AS client_name,
       u.id AS user_id,
       u.email AS user_email,
       u.status AS user_status
FROM oauth_access_tokens t
JOIN oauth_clients c ON c.id = t.oauth_client_id
LEFT JOIN users u ON u.id = t.user_id
WHERE t.token_hash = :tokenHash!
  AND t.revoked_at IS NULL
  AND t.expires_at > now();

-- name: ListUserTokens :many
SELECT t.id AS access_token_id,
       c.client_id,
       c.name AS client_name,
       t.scopes,
       t.expires_at,
       t.revoked_at,
       r.id AS refresh_token_id,
       r.expires_at AS refresh_expires_at,
       r.used_at AS refresh_used_at
FROM oauth_access_tokens t
JOIN oauth_clients c ON c.id = t.oauth_client_id
LEFT JOIN oauth_refresh_tokens r ON r.access_token_id = t.id
WHERE t.user_id = :userId!
ORDER BY t.created_at;

-- name: RevokeTokensForClient :execrows
UPDATE oauth_access_tokens
SET revoked_at = now()
WHERE oauth_client_id = (SELECT id FROM oauth_clients WHERE client_id = :clientId!)
  AND revoked_at IS NULL;
