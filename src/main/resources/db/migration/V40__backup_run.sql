-- Nightly backups (backup/Backups): one row per attempt, newest shown on the caretaker's overview and in /q/health.
CREATE TABLE backup_run (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    ok           boolean NOT NULL,
    -- The backup file's path (absolute) when ok, else NULL.
    file         text,
    size_bytes   bigint,
    sha256       text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    -- What went wrong (the exception's message) when not ok.
    error        text,
    CHECK (ok = (file IS NOT NULL AND error IS NULL))
);
CREATE INDEX backup_run_started_idx ON backup_run (started_at DESC);
