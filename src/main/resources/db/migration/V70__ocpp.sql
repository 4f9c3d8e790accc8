-- OCPP 1.6J charge points (issue 18, docs/ocpp.md). A charge point connects to ws(s)://host/ocpp/{id}; it is
-- PENDING until the caretaker accepts it (or REJECTED), and authenticates with HTTP Basic (security profile 1/2):
-- the caretaker sets its password (>= 16 bytes), stored as a bcrypt hash only.
CREATE TABLE ocpp_charge_point (
    id                  text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._~:-]{1,48}$'),
    status              text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
    password_hash       text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[aby]\$'),
    vendor              text,
    model               text,
    serial_number       text,
    firmware_version    text,
    first_seen_at       timestamptz NOT NULL,
    last_seen_at        timestamptz,
    accepted_at         timestamptz,
    accepted_by         text,
    -- The Local Auth List as last confirmed by the charge point: version and entries (idTag -> status, expiry).
    local_list_version  integer NOT NULL DEFAULT 0 CHECK (local_list_version >= 0),
    local_list          jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- ChangeConfiguration of the metering keys (MeterValueSampleInterval, ClockAlignedDataInterval, ...) done.
    configured_at       timestamptz,
    CHECK ((status = 'ACCEPTED') = (accepted_at IS NOT NULL))
);

-- Live state per connector (StatusNotification); connector 0 is the charge point itself.
CREATE TABLE ocpp_connector (
    charge_point    text NOT NULL REFERENCES ocpp_charge_point (id) ON DELETE CASCADE,
    connector_id    integer NOT NULL CHECK (connector_id >= 0),
    status          text NOT NULL,
    error_code      text NOT NULL,
    info            text,
    status_at       timestamptz NOT NULL,
    power_w         bigint,
    energy_wh       bigint,
    values_at       timestamptz,
    PRIMARY KEY (charge_point, connector_id)
);

-- One row per StartTransaction: the transactionId the central system gave, and its charging_session when the
-- card was accepted. A StartTransaction repeated after a reconnect (same charge point, connector, meterStart and
-- timestamp) finds its row and gets the same transactionId: a transaction is billed once.
CREATE TABLE ocpp_transaction (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charge_point    text NOT NULL REFERENCES ocpp_charge_point (id),
    connector_id    integer NOT NULL CHECK (connector_id >= 1),
    id_tag          text NOT NULL CHECK (length(id_tag) BETWEEN 1 AND 20),
    meter_start     bigint NOT NULL,
    started_at      timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    auth_status     text NOT NULL CHECK (auth_status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
    session_id      bigint REFERENCES charging_session (id),
    meter_stop      bigint,
    stopped_at      timestamptz,
    stop_reason     text,
    signed_data     text,
    UNIQUE (charge_point, connector_id, meter_start, started_at)
);
CREATE INDEX ocpp_transaction_session_idx ON ocpp_transaction (session_id);

-- OCPP sessions in the common session table; the charge point's stop reasons that have no tap equivalent.
ALTER TABLE charging_session DROP CONSTRAINT charging_session_source_check;
ALTER TABLE charging_session ADD CONSTRAINT charging_session_source_check
    CHECK (source IN ('READER', 'SIMULATED_TAP', 'DEMO_HISTORY', 'OCPP'));
ALTER TABLE charging_session DROP CONSTRAINT charging_session_end_reason_check;
ALTER TABLE charging_session ADD CONSTRAINT charging_session_end_reason_check
    CHECK (end_reason IS NULL OR end_reason IN
        ('CARD', 'IDLE', 'UNPLUGGED', 'NEVER_CHARGED', 'CARETAKER', 'RECOVERY', 'CHARGE_POINT'));
-- A signed meter value (OCMF or another signedData format) the charge point sent with the transaction.
ALTER TABLE charging_session ADD COLUMN signed_data text;

-- OCPP decisions in the decision log.
ALTER TABLE charging_decision DROP CONSTRAINT charging_decision_origin_check;
ALTER TABLE charging_decision ADD CONSTRAINT charging_decision_origin_check
    CHECK (origin IN ('READER', 'SIMULATED_TAP', 'MONITOR', 'RECOVERY', 'CARETAKER', 'OCPP'));

-- The energy register an OCPP charge point reports (MeterValues) enters the ledger as counter readings.
ALTER TABLE meter_reading DROP CONSTRAINT meter_reading_source_check;
ALTER TABLE meter_reading ADD CONSTRAINT meter_reading_source_check
    CHECK (source IN ('POLL', 'MANUAL', 'IMPORT', 'EXCHANGE', 'OCPP'));

-- OCPP transactions can arrive late and out of order (a wallbox that was offline sends its queued transactions):
-- two of one charger or card may be OPEN until their StopTransactions arrive. ocpp_transaction identifies them;
-- the one-OPEN rule stays for the server's own taps.
DROP INDEX charging_session_open_charger_uq;
CREATE UNIQUE INDEX charging_session_open_charger_uq ON charging_session (charger)
    WHERE status = 'OPEN' AND source <> 'OCPP';
DROP INDEX charging_session_open_card_uq;
CREATE UNIQUE INDEX charging_session_open_card_uq ON charging_session (card_uid)
    WHERE status = 'OPEN' AND source <> 'OCPP';
