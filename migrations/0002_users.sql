-- Accounts, their e-mail addresses, and password reset requests.

CREATE TABLE users (
    id            uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    email         email_address NOT NULL,
    display_name  text,
    status        user_status   NOT NULL DEFAULT 'active',
    -- NULL for accounts that only ever sign in through an external identity provider.
    password_hash text,
    profile       jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    CONSTRAINT users_profile_is_object CHECK (jsonb_typeof(profile) = 'object')
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_status_created_at_idx ON users (status, created_at);

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON COLUMN users.email IS 'Login address; mirrors the primary row in user_emails.';

CREATE TABLE user_emails (
    id          uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       email_address NOT NULL,
    is_primary  boolean       NOT NULL DEFAULT false,
    verified_at timestamptz,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX user_emails_email_lower_key ON user_emails (lower(email));
-- At most one primary address per user.
CREATE UNIQUE INDEX user_emails_one_primary_per_user ON user_emails (user_id) WHERE is_primary;

COMMENT ON TABLE user_emails IS 'Addresses a user can sign in with; the primary one is copied to users.email.';

CREATE TABLE password_resets (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   text        NOT NULL UNIQUE,
    requested_ip inet,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    CONSTRAINT password_resets_expiry_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);
