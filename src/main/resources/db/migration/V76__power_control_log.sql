-- Power control (issue 18, item 5): every change of a charger's current limit, and the periods of § 14a EnWG
-- dimming for the grid operator. docs/charging.md "Power control"; docs/data-model.md.

CREATE TABLE power_limit_change (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    charger        text NOT NULL CHECK (length(charger) BETWEEN 1 AND 64),
    session_id     bigint REFERENCES charging_session (id) ON DELETE SET NULL,
    amps           smallint NOT NULL CHECK (amps BETWEEN 0 AND 80),
    phases         smallint NOT NULL CHECK (phases IN (1, 3)),
    previous_amps  smallint NOT NULL CHECK (previous_amps BETWEEN 0 AND 80),
    reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 40),
    dimmed         boolean NOT NULL,
    -- which output wrote it (MODBUS, or OCPP once wired); ok = the charger confirmed (read back)
    output         text NOT NULL CHECK (length(output) BETWEEN 1 AND 20),
    ok             boolean NOT NULL,
    error          text,
    CHECK (ok = (error IS NULL))
);
CREATE INDEX power_limit_change_charger_at ON power_limit_change (charger, at);
CREATE INDEX power_limit_change_at ON power_limit_change (at);

-- A period in which the grid operator's § 14a signal (or the caretaker's test switch) was active: the total
-- limit applied to all controllable chargers, and the most they were given together.
CREATE TABLE grid_dimming_period (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    source         text NOT NULL CHECK (source IN ('INPUT', 'CARETAKER')),
    limit_w        integer NOT NULL CHECK (limit_w >= 0),
    max_planned_w  integer NOT NULL DEFAULT 0 CHECK (max_planned_w >= 0),
    started_by     text NOT NULL CHECK (length(started_by) BETWEEN 1 AND 64),
    ended_by       text CHECK (ended_by IS NULL OR length(ended_by) BETWEEN 1 AND 64),
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);
-- at most one open period per source
CREATE UNIQUE INDEX grid_dimming_period_open ON grid_dimming_period (source) WHERE ended_at IS NULL;
