package org.hausmeter.web;

import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.building.BuildingSettings;

/**
 * The building settings as pages need them on every render (name in the header, zone for every
 * displayed time, currency), read from the database at most every 30 s and never on an I/O thread
 * (there the last value, or the configured defaults, serve).
 */
@ApplicationScoped
public class SiteSettings {

    private static final long TTL_NANOS = Duration.ofSeconds(30).toNanos();

    private final BuildingSettings settings;
    private volatile BuildingSettings.Settings cached;
    private volatile long readAt;

    SiteSettings(BuildingSettings settings, @ConfigProperty(name = "hausmeter.building.default-name") String name,
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

    public ZoneId zone() {
        return current().zone();
    }
}
