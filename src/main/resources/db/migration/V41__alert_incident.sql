-- E-mail alerts (alerts/Alerts): one row per incident, from the check that first saw it until the check that no
-- longer sees it. One message when it opens, one when it recovers; the sent times also count for the hourly limit.
CREATE TABLE alert_incident (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What it is about, e.g. meter-silent:apt-0.1, bus-down:house, backup-failed, disk-low:/srv/data, drafts:2026-10.
    key                text NOT NULL CHECK (length(trim(key)) > 0),
    kind               text NOT NULL CHECK (kind ~ '^[a-z][a-z-]*$'),
    detail             text NOT NULL,
    opened_at          timestamptz NOT NULL,
    last_seen_at       timestamptz NOT NULL,
    closed_at          timestamptz,
    -- When its message and its recovery message went out; NULL while waiting (hourly limit, relay down).
    open_sent_at       timestamptz,
    recovery_sent_at   timestamptz,
    -- No recovery message: the opening message never went out, or the kind has none (drafts ready).
    recovery_skipped   boolean NOT NULL DEFAULT false,
    CHECK (closed_at IS NULL OR closed_at >= opened_at)
);
-- At most one open incident per key.
CREATE UNIQUE INDEX alert_incident_open_uq ON alert_incident (key) WHERE closed_at IS NULL;
CREATE INDEX alert_incident_sent_idx ON alert_incident (open_sent_at);
