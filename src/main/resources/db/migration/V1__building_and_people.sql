-- Building settings, apartments, accounts (residents and caretakers) and tenancies.
-- Constraints live here, not only in Java: the database refuses what the domain forbids.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- True when PostgreSQL knows the IANA time zone name.
CREATE FUNCTION hausmeter_is_time_zone(tz text) RETURNS boolean
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN false;
END $$;

-- Exactly one row: the building this server meters.
CREATE TABLE building (
    id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    time_zone   text NOT NULL CHECK (hausmeter_is_time_zone(time_zone)),
    currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE apartment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    floor       integer,
    area_m2     numeric(7, 2) CHECK (area_m2 > 0)
);

CREATE TABLE account (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name  text NOT NULL CHECK (length(trim(display_name)) > 0),
    email         text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    role          text NOT NULL CHECK (role IN ('RESIDENT', 'CARETAKER')),
    -- bcrypt (modular crypt format); NULL: the person has no login (yet).
    password_hash text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    locale        text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_uq ON account (lower(username));

-- Who lives where, half-open [move_in, move_out); move_out NULL while the tenancy runs.
-- A tenant change is a handover instant: one tenancy ends exactly where the next begins.
CREATE TABLE tenancy (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    apartment_id  bigint NOT NULL REFERENCES apartment (id),
    resident_id   bigint NOT NULL REFERENCES account (id),
    move_in       timestamptz NOT NULL,
    move_out      timestamptz,
    CHECK (move_out IS NULL OR move_out > move_in),
    CONSTRAINT tenancy_no_overlap EXCLUDE USING gist (
        apartment_id WITH =,
        tstzrange(move_in, move_out, '[)') WITH &&
    )
);
CREATE INDEX tenancy_resident_idx ON tenancy (resident_id);

-- Tenancies belong to residents, not caretakers.
CREATE FUNCTION hausmeter_tenancy_resident_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM account WHERE id = NEW.resident_id AND role = 'RESIDENT') THEN
        RAISE EXCEPTION 'tenancy resident [%] is not a RESIDENT account', NEW.resident_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tenancy_resident_check BEFORE INSERT OR UPDATE ON tenancy
    FOR EACH ROW EXECUTE FUNCTION hausmeter_tenancy_resident_check();
