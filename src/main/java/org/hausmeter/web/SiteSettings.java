package org.hausmeter.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.building.SettingsCache;

/**
 * The building settings as pages need them on every render (name in the header, zone for every
 * displayed time, currency). A view of {@link SettingsCache}, the one cache of the settings row (at most one
 * database read every 30 s, never on an I/O thread), so pages and the energy read model see the same values.
 */
@ApplicationScoped
public class SiteSettings {

    private final SettingsCache cache;

    SiteSettings(SettingsCache cache) {
        this.cache = cache;
    }

    public BuildingSettings.Settings current() {
        return cache.current();
    }

    /** Reads the settings again at the next use (after the caretaker changed them). */
    public void refresh() {
        cache.refresh();
    }

    public ZoneId zone() {
        return cache.zone();
    }
}
