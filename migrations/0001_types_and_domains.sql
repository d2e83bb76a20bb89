-- Shared types for the identity service.
--
-- Everything here is referenced by later migrations, so it comes first.
-- gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed.

CREATE TYPE user_status AS ENUM ('active', 'suspended', 'deleted');

CREATE TYPE device_kind AS ENUM ('desktop', 'mobile', 'tablet', 'cli', 'other');

CREATE TYPE membership_role AS ENUM ('owner', 'admin', 'member');

-- A deliberately loose check: real validation happens when the address is verified.
CREATE DOMAIN email_address AS text
    CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');

-- Keeps updated_at honest without every UPDATE having to remember it.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- NEW is the row about to be written; only the timestamp changes here.
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
