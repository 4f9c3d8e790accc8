-- Provenance of stored values (issue 16). One import_source row per CSV file, MSCONS message or manual entry;
-- interval_energy and meter_reading rows point at it with the line (CSV) or segment position (MSCONS) they came
-- from. A NULL source_id means the value was not imported: derived from polled counters (MEASURED), spread over
-- a gap by the derivation (ESTIMATED), or a reading from the poller. Per row this costs two nullable columns
-- (8 + 8 bytes when set, nothing in the null bitmap when not), not a text per quarter hour.
CREATE TABLE import_source (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('CSV', 'MSCONS', 'MANUAL')),
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    sha256      text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
    actor       text NOT NULL,
    created_at  timestamptz NOT NULL,
    -- The caretaker's reason when the import replaced stored values that differed from it.
    reason      text
);

ALTER TABLE interval_energy
    ADD COLUMN source_id bigint REFERENCES import_source (id),
    ADD COLUMN source_position bigint CHECK (source_position IS NULL OR source_position > 0),
    ADD CONSTRAINT interval_energy_position_needs_source CHECK (source_position IS NULL OR source_id IS NOT NULL);

ALTER TABLE meter_reading
    ADD COLUMN source_id bigint REFERENCES import_source (id),
    ADD COLUMN source_position bigint CHECK (source_position IS NULL OR source_position > 0);
