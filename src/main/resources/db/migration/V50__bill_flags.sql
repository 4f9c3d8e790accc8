-- A draft's blocking review flag (docs/billing.md, "Completeness"): its tenancy period lacks energy data
-- (MISSING_ENERGY). It belongs to the tenancy and month, not to a draft row, so it survives re-runs that
-- replace the draft: one row per (tenancy, month, kind), a re-run finds it again and updates what it names;
-- when the data is complete on a re-run the flag is resolved, when data goes missing again it reopens.
CREATE TABLE bill_flag (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenancy_id        bigint NOT NULL REFERENCES tenancy (id),
    month             date NOT NULL CHECK (extract(day FROM month) = 1),
    kind              text NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]*$'),
    detail            text NOT NULL CHECK (length(trim(detail)) > 0),
    gaps              jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(gaps) = 'array'),
    intervals         integer NOT NULL CHECK (intervals >= 0),
    covered_intervals integer NOT NULL CHECK (covered_intervals >= 0 AND covered_intervals <= intervals),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    resolved_at       timestamptz,
    UNIQUE (tenancy_id, month, kind)
);
CREATE INDEX bill_flag_month_idx ON bill_flag (month);

-- The caretaker's decision to issue a bill although a blocking flag was open: who, when, why, and what the
-- flag said at that moment. Written in the issuing transaction (and audited); never changed.
CREATE TABLE bill_flag_decision (
    bill_id    bigint NOT NULL REFERENCES bill (id),
    flag_id    bigint NOT NULL REFERENCES bill_flag (id),
    detail     text NOT NULL,
    reason     text NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by text NOT NULL CHECK (length(trim(decided_by)) > 0),
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (bill_id, flag_id)
);

CREATE FUNCTION hausmeter_bill_flag_decision_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Decisions on blocking bill flags are never changed or deleted';
END $$;
CREATE TRIGGER bill_flag_decision_frozen BEFORE UPDATE OR DELETE ON bill_flag_decision
    FOR EACH ROW EXECUTE FUNCTION hausmeter_bill_flag_decision_frozen();
