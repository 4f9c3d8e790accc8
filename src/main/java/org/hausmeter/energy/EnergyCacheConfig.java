package org.hausmeter.energy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How {@link ApartmentEnergy} keeps the building's months in memory. The properties keep their historical
 * names under {@code hausmeter.resident.*} (the resident pages are their only reader), so operators' configs
 * keep working; {@code hausmeter.resident.median-min-apartments} belongs to the pages ({@code ResidentConfig}).
 */
@ConfigMapping(prefix = "hausmeter.resident")
public interface EnergyCacheConfig {

    /** Months (the running one included) computed in the background after start, so the first visits are fast. 0: none. */
    @WithDefault("13")
    int warmMonths();

    /** How often a cached past month is checked against the ledger (and recomputed when it changed). */
    @WithDefault("5m")
    Duration revalidate();

    /** Most months kept in memory (daily figures of every apartment; quarter hours only while memory allows). */
    @WithDefault("48")
    int cacheMonths();
}
