-- Tariffs, bill runs, bills and their numbering (issue 5). docs/billing.md explains the workflow.

-- One tariff version per local start day; it applies until the next version's valid_from.
-- Prices per kWh keep 6 decimals (ARCHITECTURE: at least 4); money amounts 2.
CREATE TABLE tariff_version (
    valid_from       date PRIMARY KEY,
    pv_price         numeric(12, 6) NOT NULL CHECK (pv_price >= 0),
    base_fee_month   numeric(10, 2) NOT NULL CHECK (base_fee_month >= 0),
    ev_pv_price      numeric(12, 6) NOT NULL CHECK (ev_pv_price >= 0),
    ev_grid_price    numeric(12, 6) NOT NULL CHECK (ev_grid_price >= 0),
    feed_in_price    numeric(12, 6) NOT NULL CHECK (feed_in_price >= 0),
    vat_percent      numeric(5, 2) NOT NULL CHECK (vat_percent >= 0 AND vat_percent < 100),
    -- How the house's PV is split among the consumers each quarter hour (allocation.AllocationKey).
    allocation_key   text NOT NULL DEFAULT 'DYNAMIC_PROPORTIONAL' CHECK (allocation_key IN (
                         'DYNAMIC_PROPORTIONAL', 'STATIC_SHARES', 'STATIC_WITH_REDISTRIBUTION',
                         'EQUAL_SHARES', 'EQUAL_SHARES_WITH_REDISTRIBUTION')),
    -- How the common area's energy is shared among the apartments.
    common_key       text NOT NULL DEFAULT 'EQUAL' CHECK (common_key IN ('EQUAL', 'FLOOR_AREA')),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- The grid price of a version: windows per season and day type covering each day without gaps
-- (checked in Java by tariff.DaySchedule when loaded and before saving). A flat price is one season
-- "all" with one window 00:00-24:00 on both day types. Minutes of the local day, end exclusive.
CREATE TABLE tariff_grid_window (
    valid_from   date NOT NULL REFERENCES tariff_version (valid_from) ON DELETE CASCADE,
    season       text NOT NULL CHECK (length(trim(season)) > 0),
    months       smallint[] NOT NULL CHECK (cardinality(months) BETWEEN 1 AND 12 AND months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[]),
    day_type     text NOT NULL CHECK (day_type IN ('WEEKDAY', 'WEEKEND')),
    name         text NOT NULL CHECK (length(trim(name)) > 0),
    start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
    price        numeric(12, 6) NOT NULL CHECK (price >= 0),
    PRIMARY KEY (valid_from, season, day_type, start_minute)
);

-- One-time charges (positive) and credits (negative) for a tenancy's month; kept across re-runs and
-- applied to that month's draft; removable only while that month's invoice is not issued.
CREATE TABLE bill_adjustment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenancy_id      bigint NOT NULL REFERENCES tenancy (id),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    reason          text NOT NULL CHECK (length(trim(reason)) > 0),
    net             numeric(12, 2) NOT NULL CHECK (net <> 0),
    vat_percent     numeric(5, 2) NOT NULL CHECK (vat_percent >= 0 AND vat_percent < 100),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bill_adjustment_month_idx ON bill_adjustment (month, tenancy_id);

-- Bills. kind INVOICE: a tenancy's period in one month; kind CANCELLATION (Stornorechnung): cancels
-- exactly one issued invoice (unique cancels_bill), with the negated amounts.
-- status DRAFT (replaced by re-runs) -> ISSUED (frozen: number, PDF and its SHA-256) -> CANCELLED
-- (an invoice whose cancellation was issued). Issued bills change only ISSUED -> CANCELLED (trigger).
CREATE TABLE bill (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('INVOICE', 'CANCELLATION')),
    status          text NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'CANCELLED')),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    tenancy_id      bigint NOT NULL REFERENCES tenancy (id),
    apartment_id    bigint NOT NULL REFERENCES apartment (id),
    resident_id     bigint NOT NULL REFERENCES account (id),
    period_from     timestamptz NOT NULL,
    period_to       timestamptz NOT NULL CHECK (period_to > period_from),
    currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    net             numeric(12, 2) NOT NULL,
    vat             numeric(12, 2) NOT NULL,
    gross           numeric(12, 2) NOT NULL CHECK (gross = net + vat),
    -- The draft's frozen content beyond the lines: VAT totals, meter readings, review flags, history.
    content         jsonb NOT NULL,
    -- SHA-256 of the canonical content and lines: equal inputs give equal hashes (idempotent runs).
    content_sha256  text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    number          text UNIQUE CHECK (number ~ '^[0-9]{4}-[0-9]{4,}$'),
    issue_date      date,
    due_date        date,
    issued_at       timestamptz,
    issued_by       text,
    pdf             bytea,
    pdf_sha256      text CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    cancels_bill    bigint UNIQUE REFERENCES bill (id),
    replaces_bill   bigint REFERENCES bill (id),
    reason          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'DRAFT') = (number IS NULL)),
    CHECK (status = 'DRAFT' OR (issue_date IS NOT NULL AND issued_at IS NOT NULL AND pdf IS NOT NULL
                                AND pdf_sha256 IS NOT NULL AND due_date IS NOT NULL)),
    CHECK ((kind = 'CANCELLATION') = (cancels_bill IS NOT NULL)),
    CHECK (kind = 'INVOICE' OR status = 'ISSUED')
);
-- At most one live invoice (draft or issued) per tenancy and month.
CREATE UNIQUE INDEX bill_live_invoice_uq ON bill (tenancy_id, month)
    WHERE kind = 'INVOICE' AND status IN ('DRAFT', 'ISSUED');
CREATE INDEX bill_month_idx ON bill (month);
CREATE INDEX bill_resident_idx ON bill (resident_id);

CREATE TABLE bill_line (
    bill_id     bigint NOT NULL REFERENCES bill (id) ON DELETE CASCADE,
    position    smallint NOT NULL,
    key         text NOT NULL,
    quantity    numeric(14, 3) NOT NULL,
    unit        text NOT NULL,
    unit_price  numeric(14, 6) NOT NULL,
    net         numeric(12, 2) NOT NULL,
    vat_percent numeric(5, 2) NOT NULL,
    details     jsonb NOT NULL,
    PRIMARY KEY (bill_id, position)
);

-- Gap-free numbering: one counter per year, advanced in the issuing transaction, so a rolled-back
-- issue gives its number back.
CREATE TABLE bill_number (
    year  integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last  integer NOT NULL CHECK (last >= 0)
);

-- Issued bills never change: the only allowed update is ISSUED -> CANCELLED of an invoice (nothing
-- else in the row); issued bills and their lines are never deleted.
CREATE FUNCTION hausmeter_bill_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'Bill % is issued and cannot be deleted', OLD.number;
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'ISSUED' AND NEW.status = 'CANCELLED' AND OLD.kind = 'INVOICE'
       AND (to_jsonb(OLD) - 'status') = (to_jsonb(NEW) - 'status') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Bill % is % and cannot be changed', OLD.number, OLD.status;
END $$;
CREATE TRIGGER bill_frozen BEFORE UPDATE OR DELETE ON bill
    FOR EACH ROW EXECUTE FUNCTION hausmeter_bill_frozen();

CREATE FUNCTION hausmeter_bill_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s text;
BEGIN
    SELECT status INTO s FROM bill WHERE id = COALESCE(OLD.bill_id, NEW.bill_id);
    IF s IS NOT NULL AND s <> 'DRAFT' THEN
        RAISE EXCEPTION 'Lines of issued bill % cannot be changed', COALESCE(OLD.bill_id, NEW.bill_id);
    END IF;
    RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER bill_line_frozen BEFORE UPDATE OR DELETE ON bill_line
    FOR EACH ROW EXECUTE FUNCTION hausmeter_bill_line_frozen();

-- The co-op as the issuer of bills (§ 14 UStG, § 40 EnWG): name comes from building.name; address
-- lines, tax number / VAT ID, register court and number, board, phone, e-mail, bank, and the contract
-- facts printed on every bill (metering operator, market location id, grid operator, notice period).
-- Keys are listed in building.BuildingSettings.Issuer; the caretaker edits them on the settings page.
ALTER TABLE building
    ADD COLUMN issuer       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(issuer) = 'object'),
    ADD COLUMN payment_days integer NOT NULL DEFAULT 14 CHECK (payment_days BETWEEN 14 AND 90);

-- Each apartment's month as last computed by a bill run: consumption and its PV share, for the
-- 12-month history on bills and the resident's pages.
CREATE TABLE apartment_month (
    apartment_id   bigint NOT NULL REFERENCES apartment (id),
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    consumption_wh bigint NOT NULL CHECK (consumption_wh >= 0),
    pv_wh          bigint NOT NULL CHECK (pv_wh >= 0 AND pv_wh <= consumption_wh),
    computed_at    timestamptz NOT NULL,
    PRIMARY KEY (apartment_id, month)
);
