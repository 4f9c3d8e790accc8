package org.hausmeter.web.resident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the resident pages ({@code hausmeter.resident.*} in application.properties). */
@ConfigMapping(prefix = "hausmeter.resident")
public interface ResidentConfig {

    /** Months (the running one included) computed in the background after start, so the first visits are fast. 0: none. */
    @WithDefault("13")
    int warmMonths();

    /** How often a cached past month is checked against the ledger (and recomputed when it changed). */
    @WithDefault("5m")
    Duration revalidate();

    /** Most months kept in memory (daily figures of every apartment; quarter hours only while memory allows). */
    @WithDefault("48")
    int cacheMonths();

    /**
     * The building's median apartment is shown only when at least this many apartments have consumption in
     * the period: with fewer, the median would come close to telling a neighbour's figure.
     */
    @WithDefault("5")
    int medianMinApartments();
}
