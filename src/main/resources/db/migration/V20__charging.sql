-- EV charging: NFC cards of residents, charging sessions, and the decision log of every tap.
-- See docs/charging.md and docs/data-model.md.

-- A card (its UID) registered by the caretaker to a resident. UIDs are upper-case hex of the UID
-- bytes in the order the reader returns them: 4, 7 or 10 bytes (8, 14 or 20 hex digits).
-- A 4-byte UID starting with 08 is a Random ID (changes at every tap) and can never be registered.
CREATE TABLE charging_card (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid             text NOT NULL UNIQUE CHECK (uid ~ '^([0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$'),
    resident_id     bigint NOT NULL REFERENCES account (id),
    label           text CHECK (label IS NULL OR length(label) <= 80),
    registered_at   timestamptz NOT NULL,
    registered_by   text NOT NULL,
    -- Local date (building zone) after which the card is refused; NULL: no expiry.
    expires_on      date,
    blocked_at      timestamptz,
    blocked_reason  text,
    CHECK (NOT (length(uid) = 8 AND uid LIKE '08%')),
    CHECK ((blocked_at IS NULL) = (blocked_reason IS NULL))
);
CREATE INDEX charging_card_resident_idx ON charging_card (resident_id);

-- Cards belong to residents, not caretakers.
CREATE FUNCTION hausmeter_card_resident_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM account WHERE id = NEW.resident_id AND role = 'RESIDENT') THEN
        RAISE EXCEPTION 'card resident [%] is not a RESIDENT account', NEW.resident_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER charging_card_resident_check BEFORE INSERT OR UPDATE ON charging_card
    FOR EACH ROW EXECUTE FUNCTION hausmeter_card_resident_check();

-- One charging session: started by an accepted tap on a free charger, ended by the same card, by
-- the car no longer drawing power, by the car leaving, or by the caretaker. start_wh and end_wh are
-- the charger meter's import counter (Wh) read over Modbus at start and end. Billable: CLOSED.
CREATE TABLE charging_session (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger         text NOT NULL CHECK (length(charger) BETWEEN 1 AND 64),
    meter_id        bigint NOT NULL REFERENCES meter (id),
    card_uid        text NOT NULL CHECK (card_uid ~ '^([0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$'),
    card_id         bigint REFERENCES charging_card (id),
    resident_id     bigint NOT NULL REFERENCES account (id),
    tenancy_id      bigint NOT NULL REFERENCES tenancy (id),
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    start_wh        bigint NOT NULL CHECK (start_wh >= 0),
    end_wh          bigint CHECK (end_wh >= 0),
    status          text NOT NULL CHECK (status IN ('OPEN', 'CLOSED', 'FLAGGED')),
    flag_reason     text,
    end_reason      text CHECK (end_reason IS NULL OR end_reason IN
                        ('CARD', 'IDLE', 'UNPLUGGED', 'NEVER_CHARGED', 'CARETAKER', 'RECOVERY')),
    -- The charger meter showed power (or its counter rose) at least once during the session.
    seen_power      boolean NOT NULL DEFAULT false,
    -- Last instant the monitor saw the car draw power; the idle timeout counts from here.
    last_power_at   timestamptz,
    -- How the session was started: a card at a reader, a simulated tap (caretaker console), or
    -- the demo's generated history.
    source          text NOT NULL CHECK (source IN ('READER', 'SIMULATED_TAP', 'DEMO_HISTORY')),
    CHECK ((status = 'OPEN') = (ended_at IS NULL)),
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK (status = 'OPEN' OR end_reason IS NOT NULL),
    CHECK (status <> 'CLOSED' OR (end_wh IS NOT NULL AND end_wh >= start_wh AND seen_power)),
    CHECK ((status = 'FLAGGED') = (flag_reason IS NOT NULL))
);
-- One open session per charger and per card: a second tap can never open a second session.
CREATE UNIQUE INDEX charging_session_open_charger_uq ON charging_session (charger) WHERE status = 'OPEN';
CREATE UNIQUE INDEX charging_session_open_card_uq ON charging_session (card_uid) WHERE status = 'OPEN';
CREATE UNIQUE INDEX charging_session_start_uq ON charging_session (charger, started_at);
CREATE INDEX charging_session_resident_idx ON charging_session (resident_id, started_at);
CREATE INDEX charging_session_started_idx ON charging_session (started_at);

-- Every decision about a tap or a session, for the caretaker: accepted, refused and why.
CREATE TABLE charging_decision (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    charger         text,
    reader          text,
    card_uid        text,
    origin          text NOT NULL CHECK (origin IN ('READER', 'SIMULATED_TAP', 'MONITOR', 'RECOVERY', 'CARETAKER')),
    outcome         text NOT NULL CHECK (outcome IN ('STARTED', 'STOPPED', 'REFUSED', 'ENROLLED', 'IGNORED', 'ENDED',
                        'FLAGGED', 'CONTROL')),
    reason          text NOT NULL,
    message         text NOT NULL,
    session_id      bigint REFERENCES charging_session (id),
    resident_id     bigint REFERENCES account (id)
);
CREATE INDEX charging_decision_at_idx ON charging_decision (at);
