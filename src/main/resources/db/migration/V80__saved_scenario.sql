-- Saved scenarios of the caretaker's scenario page (issue 19, docs/scenarios.md): a name, the scenario file
-- (period and scenarios, the JSON that `scenario FILE` reads), who saved it and when.
CREATE TABLE saved_scenario (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 120 AND name = btrim(name)),
    definition JSONB       NOT NULL,
    saved_by   TEXT        NOT NULL,
    saved_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX saved_scenario_saved_at ON saved_scenario (saved_at DESC);
