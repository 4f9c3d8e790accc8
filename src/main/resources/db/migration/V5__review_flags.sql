-- Things the ledger found for the caretaker to review: counter anomalies, balance mismatches,
-- consumption jumps, silent meters. Re-running a check finds the same flag again (unique key) instead
-- of adding a copy; resolving it keeps the row.
CREATE TABLE review_flag (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]*$'),
    meter_id      bigint REFERENCES meter (id),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    detail        text NOT NULL CHECK (length(trim(detail)) > 0),
    size_wh       bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz,
    resolved_by   text,
    CHECK (period_end >= period_start)
);
CREATE UNIQUE INDEX review_flag_uq ON review_flag (kind, coalesce(meter_id, 0), period_start, period_end);
CREATE INDEX review_flag_open_idx ON review_flag (created_at) WHERE resolved_at IS NULL;
