package org.hausmeter.web.resident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the resident pages ({@code hausmeter.resident.*} in application.properties). The month cache
 * settings under the same prefix (warm-months, revalidate, cache-months) are read by the energy read model:
 * {@link org.hausmeter.energy.EnergyCacheConfig}.
 */
@ConfigMapping(prefix = "hausmeter.resident")
public interface ResidentConfig {

    /**
     * The building's median apartment is shown only when at least this many apartments have consumption in
     * the period: with fewer, the median would come close to telling a neighbour's figure.
     */
    @WithDefault("5")
    int medianMinApartments();
}
