-- Append-only record of security-relevant events.
-- Actions are namespaced strings such as 'user:login' or 'oauth:grant'.

CREATE TABLE audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    -- NULL for events raised by the system itself (cleanup jobs, expiry).
    actor_id    uuid        REFERENCES users (id) ON DELETE SET NULL,
    action      text        NOT NULL CHECK (action ~ '^[a-z_]+:[a-z_]+$'),
    target_type text        NOT NULL,
    target_id   text,
    ip_address  inet,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_actor_occurred_at_idx ON audit_log (actor_id, occurred_at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action);
