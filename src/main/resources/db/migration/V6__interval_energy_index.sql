-- The primary key (meter_id, interval_start) serves every per-meter and per-period query
-- (a building's period is one range scan per meter); the extra index on interval_start alone
-- cost a third of the bulk-load speed of imports and derivations.
DROP INDEX interval_energy_start_idx;
