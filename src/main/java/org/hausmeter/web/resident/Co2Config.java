package org.hausmeter.web.resident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The CO2 shown for a resident's grid electricity ({@code hausmeter.co2.*}). PV from the house's roof
 * counts as zero; only the grid share is multiplied by the factor.
 */
@ConfigMapping(prefix = "hausmeter.co2")
public interface Co2Config {

    /**
     * Emission factor of electricity bought from the grid, g CO2 per kWh. Default: the German electricity
     * mix 2024 (Umweltbundesamt, "Entwicklung der spezifischen
     * Treibhausgas-Emissionen des deutschen Strommix in den Jahren 1990 – 2024": 363 g/kWh, an estimate); see docs/web.md.
     */
    @WithDefault("363")
    int gridGPerKwh();
}
