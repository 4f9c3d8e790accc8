package org.hausmeter.building;

import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The building settings as every render and every month computation needs them (name, the zone that
 * turns instants into days and months, currency), read from the database at most every 30 s and never on
 * an I/O thread (there the last value, or the configured defaults, serve). The one cache of the settings
 * row: {@code web.SiteSettings} and {@code energy.ApartmentEnergy} both read through it.
 */
@ApplicationScoped
public class SettingsCache {

    private static final long TTL_NANOS = Duration.ofSeconds(30).toNanos();

    private final BuildingSettings settings;
    private volatile BuildingSettings.Settings cached;
    private volatile long readAt;

    SettingsCache(
            BuildingSettings settings,
            @ConfigProperty(name = "hausmeter.building.default-name") String name,
            @ConfigProperty(name = "hausmeter.building.default-time-zone") String zone,
            @ConfigProperty(name = "hausmeter.building.default-currency") String currency) {
        this.settings = settings;
        this.cached = new BuildingSettings.Settings(name, ZoneId.of(zone), Currency.getInstance(currency));
        this.readAt = System.nanoTime() - TTL_NANOS - 1;
    }

    public BuildingSettings.Settings current() {
        if (System.nanoTime() - readAt > TTL_NANOS && !Context.isOnEventLoopThread()) {
            cached = settings.current();
            readAt = System.nanoTime();
        }
        return cached;
    }

    /** Reads the settings again at the next use (after the caretaker changed them). */
    public void refresh() {
        readAt = System.nanoTime() - TTL_NANOS - 1;
    }

    /** @return the building's time zone (days, months and the DST change are counted in it) */
    public ZoneId zone() {
        return current().zone();
    }
}
