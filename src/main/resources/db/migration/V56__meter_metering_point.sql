-- The metering point operator's id of a meter's location (MSCONS LOC+172): a Marktlokations-ID (MaLo, 11 digits,
-- the check digit is checked in Java: ledger.mscons.MeteringPoint) or a Messlokations-ID (MeLo, 33 characters).
-- MSCONS imports map their values to the installed meter with that id (docs/mscons.md).
ALTER TABLE meter ADD COLUMN metering_point text
    CHECK (metering_point ~ '^([0-9]{11}|[A-Z]{2}[0-9A-Z]{31})$');

-- One installed meter per metering point id.
CREATE UNIQUE INDEX meter_metering_point_installed ON meter (metering_point)
    WHERE removed_at IS NULL AND metering_point IS NOT NULL;
