-- Meters, cumulative counter readings (partitioned by month) and quarter-hour interval energy.
-- Energy is bigint watt-hours everywhere; kWh floats from meters are converted once, at the bus edge.

CREATE TABLE meter (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    bus           text NOT NULL CHECK (length(trim(bus)) > 0),
    unit_id       smallint NOT NULL CHECK (unit_id BETWEEN 1 AND 247),
    model         text NOT NULL CHECK (length(trim(model)) > 0),
    role          text NOT NULL CHECK (role IN ('APARTMENT', 'PV', 'GRID', 'COMMON', 'CHARGER')),
    apartment_id  bigint REFERENCES apartment (id),
    charger       text CHECK (charger IS NULL OR length(trim(charger)) > 0),
    installed_at  timestamptz NOT NULL,
    removed_at    timestamptz,
    CHECK (removed_at IS NULL OR removed_at > installed_at),
    -- An apartment meter belongs to an apartment, a charger meter to a charger, the rest to the house.
    CONSTRAINT meter_owner CHECK (
        (role = 'APARTMENT' AND apartment_id IS NOT NULL AND charger IS NULL)
        OR (role = 'CHARGER' AND charger IS NOT NULL AND apartment_id IS NULL)
        OR (role IN ('PV', 'GRID', 'COMMON') AND apartment_id IS NULL AND charger IS NULL))
);
-- One installed meter per unit id on a bus; a removed meter frees its address.
CREATE UNIQUE INDEX meter_bus_unit_uq ON meter (bus, unit_id) WHERE removed_at IS NULL;
CREATE INDEX meter_apartment_idx ON meter (apartment_id) WHERE apartment_id IS NOT NULL;

-- Cumulative counters as read from the meter. export_wh is NULL for meters without an export register.
CREATE TABLE meter_reading (
    meter_id   bigint NOT NULL REFERENCES meter (id),
    read_at    timestamptz NOT NULL,
    import_wh  bigint NOT NULL CHECK (import_wh >= 0),
    export_wh  bigint CHECK (export_wh >= 0),
    source     text NOT NULL CHECK (source IN ('POLL', 'MANUAL', 'IMPORT', 'EXCHANGE')),
    PRIMARY KEY (meter_id, read_at)
) PARTITION BY RANGE (read_at);

-- Creates the monthly partitions of meter_reading that cover [p_from, p_to), UTC months,
-- named meter_reading_yYYYYmMM. Idempotent. Returns the number of partitions it created.
CREATE FUNCTION hausmeter_ensure_reading_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    m_start timestamp := date_trunc('month', p_from AT TIME ZONE 'UTC');
    m_end   timestamp;
    part    text;
    created integer := 0;
BEGIN
    IF p_to <= p_from THEN
        RETURN 0;
    END IF;
    WHILE m_start < (p_to AT TIME ZONE 'UTC') LOOP
        m_end := m_start + interval '1 month';
        part := format('meter_reading_y%sm%s', to_char(m_start, 'YYYY'), to_char(m_start, 'MM'));
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF meter_reading FOR VALUES FROM (%L) TO (%L)',
                           part, m_start AT TIME ZONE 'UTC', m_end AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        m_start := m_end;
    END LOOP;
    RETURN created;
END $$;

-- Energy per meter and quarter hour, derived from counter differences (rebuildable at any time).
-- interval_start is the UTC start instant of the half-open 15-minute interval.
CREATE TABLE interval_energy (
    meter_id        bigint NOT NULL REFERENCES meter (id),
    interval_start  timestamptz NOT NULL
        CHECK (extract(epoch FROM interval_start)::bigint % 900 = 0
               AND extract(epoch FROM interval_start) = floor(extract(epoch FROM interval_start))),
    import_wh       bigint NOT NULL CHECK (import_wh >= 0),
    export_wh       bigint NOT NULL DEFAULT 0 CHECK (export_wh >= 0),
    quality         text NOT NULL CHECK (quality IN ('MEASURED', 'ESTIMATED', 'MANUAL', 'IMPORTED')),
    PRIMARY KEY (meter_id, interval_start)
);
CREATE INDEX interval_energy_start_idx ON interval_energy (interval_start);
