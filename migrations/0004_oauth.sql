-- OAuth 2.0: registered clients, issued access tokens, and refresh tokens.

CREATE TABLE oauth_clients (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The public identifier clients send as client_id.
    client_id       text        NOT NULL UNIQUE,
    name            text        NOT NULL,
    -- NULL for first-party clients owned by the service itself.
    owner_id        uuid        REFERENCES users (id) ON DELETE SET NULL,
    redirect_uris   text[]      NOT NULL DEFAULT '{}',
    scopes          text[]      NOT NULL DEFAULT '{}',
    is_confidential boolean     NOT NULL DEFAULT true,
    -- Public clients (mobile, SPA, CLI) have no secret.
    secret_hash     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT oauth_clients_secret_iff_confidential
        CHECK (is_confidential = (secret_hash IS NOT NULL))
);

CREATE TABLE oauth_access_tokens (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    oauth_client_id uuid        NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    -- NULL for client-credentials grants, where no user is involved.
    user_id         uuid        REFERENCES users (id) ON DELETE CASCADE,
    token_hash      text        NOT NULL UNIQUE,
    scopes          text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz
);

CREATE INDEX oauth_access_tokens_user_id_idx ON oauth_access_tokens (user_id);
CREATE INDEX oauth_access_tokens_client_idx ON oauth_access_tokens (oauth_client_id);

CREATE TABLE oauth_refresh_tokens (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    access_token_id uuid        NOT NULL UNIQUE REFERENCES oauth_access_tokens (id) ON DELETE CASCADE,
    token_hash      text        NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz
);
