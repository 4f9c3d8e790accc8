-- Every caretaker change, append-only: the database refuses UPDATE and DELETE.

CREATE TABLE audit_event (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text NOT NULL CHECK (length(trim(actor)) > 0),
    action   text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]*$'),
    subject  text NOT NULL CHECK (length(trim(subject)) > 0),
    before   jsonb,
    after    jsonb,
    reason   text
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_subject_idx ON audit_event (subject);

CREATE FUNCTION hausmeter_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION hausmeter_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION hausmeter_audit_append_only();
