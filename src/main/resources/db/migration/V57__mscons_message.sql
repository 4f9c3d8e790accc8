-- Every MSCONS message a caretaker committed, accepted or rejected, with why and how many values it held
-- (ledger.persistence.MsconsImports, docs/mscons.md). A message accepted once (same sender and message reference,
-- the BGM document number) is never stored again: a re-import says "already imported" and stores nothing.
CREATE TABLE mscons_message (
    id              bigserial PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    actor           text NOT NULL,
    file_name       text NOT NULL,
    interchange_ref text NOT NULL,
    sender          text NOT NULL,
    message_ref     text NOT NULL,
    segment         int NOT NULL CHECK (segment > 0),
    metering_points text NOT NULL,
    status          text NOT NULL CHECK (status IN ('ACCEPTED', 'REJECTED')),
    reason          text,
    value_count     int NOT NULL CHECK (value_count >= 0),
    estimated_count int NOT NULL CHECK (estimated_count >= 0 AND estimated_count <= value_count),
    first_interval  timestamptz,
    last_interval   timestamptz,
    CHECK ((status = 'REJECTED') = (reason IS NOT NULL)),
    CHECK (status = 'ACCEPTED' OR value_count = 0)
);

CREATE UNIQUE INDEX mscons_message_accepted_once ON mscons_message (sender, message_ref) WHERE status = 'ACCEPTED';
CREATE INDEX mscons_message_received ON mscons_message (received_at);
