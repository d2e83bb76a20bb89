-- Multi-tenancy (organizations and memberships) and global staff roles.

CREATE TABLE organizations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
    name       text        NOT NULL,
    settings   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    organization_id uuid            NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid            NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            membership_role NOT NULL DEFAULT 'member',
    -- NULL for founders and for members added by staff.
    invited_by      uuid            REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE roles (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text    NOT NULL UNIQUE,
    description text
);

CREATE TABLE user_roles (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    integer     NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    granted_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role_id)
);
