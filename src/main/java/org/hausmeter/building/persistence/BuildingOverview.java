package org.hausmeter.building.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.persistence.Meter;

/** Anonymous building figures for the start page: no apartment's or person's data. */
@ApplicationScoped
public class BuildingOverview {

    /**
     * @param apartments        apartments known to the server
     * @param occupied          apartments with a running tenancy now
     * @param meters            meters installed now (any role)
     */
    public record Overview(String name, ZoneId zone, String currency, long apartments, long occupied, long meters) {}

    private final BuildingSettings settings;
    private final Clock clock;

    BuildingOverview(BuildingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Overview now() {
        BuildingSettings.Settings s = settings.current();
        var now = clock.instant();
        long occupied = Tenancy.find(
                        "select count(distinct t.apartment.id) from Tenancy t"
                                + " where t.moveIn <= ?1 and (t.moveOut is null or t.moveOut > ?1)",
                        now)
                .project(Long.class)
                .firstResult();
        long meters = Meter.count("installedAt <= ?1 and (removedAt is null or removedAt > ?1)", now);
        return new Overview(s.name(), s.zone(), s.currency().getCurrencyCode(), Apartment.count(), occupied, meters);
    }
}
