-- A meter exchange keeps the meter's name (the building file refers to meters by name) and gives
-- the new physical meter a new row: names are unique among installed meters only, like addresses.
ALTER TABLE meter DROP CONSTRAINT meter_name_key;
CREATE UNIQUE INDEX meter_name_installed_uq ON meter (name) WHERE removed_at IS NULL;

-- Which meter replaced which, with the two readings that bridge the exchange.
ALTER TABLE meter ADD COLUMN replaces_meter_id bigint REFERENCES meter (id);
CREATE UNIQUE INDEX meter_replaces_uq ON meter (replaces_meter_id) WHERE replaces_meter_id IS NOT NULL;
