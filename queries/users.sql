-- Accounts, e-mail addresses and password resets.

-- name: GetUserById :maybe
SELECT id, email, display_name, status, created_at, last_login_at
FROM users
WHERE id = :id!;

-- name: GetUserByEmail :maybe
-- Used at sign-in; addresses are matched case-insensitively.
SELECT id AS user_id, email, password_hash, status
FROM users
WHERE lower(email) = lower(:email!);

-- name: ListUsersByStatus :many
SELECT id, email, display_name, status, created_at
FROM users
WHERE status = :status!
ORDER BY created_at, id
LIMIT :limit!;

-- name: GetUsersByIds :many
-- An IN-list: compiled to `id = ANY($1::uuid[])`, so an empty list simply matches nothing.
SELECT id, email, display_name
FROM users
WHERE id IN :ids[]
ORDER BY email;

-- name: CreateUser :one
INSERT INTO users (email, display_name, password_hash)
VALUES (:email!, :displayName?, :passwordHash?)
RETURNING id, email, display_name, status, created_at;

-- name: UpdateUserProfile :maybe
-- Merges the patch into the stored profile; display_name is replaced as given.
UPDATE users
SET display_name = :displayName?,
    profile = profile || :profilePatch!
WHERE id = :id!
RETURNING id, display_name, profile, updated_at;

-- name: GetUserPreferences :maybe
SELECT profile->>'locale' AS locale,
       profile->'notifications' AS "notifications: NotificationSettings",
       profile
FROM users
WHERE id = :id!;

-- name: SuspendUsers :execrows
UPDATE users
SET status = 'suspended'
WHERE id IN :ids[]
  AND status = 'active';

-- name: ListUserEmails :many
SELECT id AS email_id, email, is_primary, verified_at, created_at
FROM user_emails
WHERE user_id = :userId!
ORDER BY is_primary DESC, created_at;

-- name: AddUserEmail :one
INSERT INTO user_emails (user_id, email)
VALUES (:userId!, :email!)
RETURNING id AS email_id, email, is_primary, verified_at;

-- name: AddUserEmails :many
-- A bulk insert: one statement for any number of rows (`SELECT * FROM unnest(...)`).
INSERT INTO user_emails (user_id, email)
VALUES :emails
RETURNING id AS email_id, user_id, email, is_primary;

-- name: VerifyUserEmail :exec
UPDATE user_emails
SET verified_at = now()
WHERE id = :emailId!
  AND verified_at IS NULL;

-- name: CreatePasswordReset :one
INSERT INTO password_resets (user_id, token_hash, requested_ip, expires_at)
VALUES (:userId!, :tokenHash!, :requestedIp?, :expiresAt!)
RETURNING id AS reset_id, requested_ip, expires_at;

-- name: ConsumePasswordReset :maybe
-- Single use: a second call with the same token finds nothing.
UPDATE password_resets
SET used_at = now()
WHERE token_hash = :tokenHash!
  AND used_at IS NULL
  AND expires_at > now()
RETURNING user_id, requested_ip;
