-- Devices a user signs in from, and the sessions opened on them.

CREATE TABLE devices (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         device_kind NOT NULL DEFAULT 'other',
    -- Client-computed identifier, stable across sessions on the same device.
    fingerprint  text        NOT NULL,
    -- Set by the user ("Work laptop"); most devices never get one.
    name         text,
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    CONSTRAINT devices_user_fingerprint_key UNIQUE (user_id, fingerprint)
);

CREATE TABLE sessions (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL when the client did not identify its device, or the device was forgotten.
    device_id  uuid        REFERENCES devices (id) ON DELETE SET NULL,
    ip_address inet,
    data       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX sessions_user_id_created_at_idx ON sessions (user_id, created_at DESC);
CREATE INDEX sessions_device_id_idx ON sessions (device_id) WHERE device_id IS NOT NULL;
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at) WHERE revoked_at IS NULL;
