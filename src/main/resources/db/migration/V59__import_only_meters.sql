-- Import-only meters (issue 16): a meter whose values arrive only by import (CSV, later MSCONS) has no bus,
-- unit id or model. It is never polled and never reported defective or silent.
ALTER TABLE meter ADD COLUMN import_only boolean NOT NULL DEFAULT false;
ALTER TABLE meter ALTER COLUMN bus DROP NOT NULL;
ALTER TABLE meter ALTER COLUMN unit_id DROP NOT NULL;
ALTER TABLE meter ALTER COLUMN model DROP NOT NULL;
-- A polled meter has its full bus address and model; an import-only meter has no bus address (a model may be
-- written down for the record).
ALTER TABLE meter ADD CONSTRAINT meter_bus_address CHECK (
    (NOT import_only AND bus IS NOT NULL AND unit_id IS NOT NULL AND model IS NOT NULL)
    OR (import_only AND bus IS NULL AND unit_id IS NULL));
