package org.hausmeter.building;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the building settings row on first start from configured defaults, and reads them. */
@ApplicationScoped
public class BuildingSettings {

    private static final Logger LOG = Logger.getLogger(BuildingSettings.class);

    /** Immutable view of the settings. */
    public record Settings(String name, ZoneId zone, Currency currency) {
    }

    @ConfigProperty(name = "hausmeter.building.default-name")
    String defaultName;
    @ConfigProperty(name = "hausmeter.building.default-time-zone")
    String defaultZone;
    @ConfigProperty(name = "hausmeter.building.default-currency")
    String defaultCurrency;

    private final Clock clock;

    BuildingSettings(Clock clock) {
        this.clock = clock;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        ZoneId.of(defaultZone);
        Currency.getInstance(defaultCurrency);
        QuarkusTransaction.requiringNew().run(() -> {
            if (Building.findById(Building.THE_ID) == null) {
                Building b = new Building();
                b.name = defaultName;
                b.timeZone = defaultZone;
                b.currency = defaultCurrency;
                b.updatedAt = clock.instant();
                b.persist();
                LOG.infof("Building settings created: [%s], time zone [%s], currency [%s]", defaultName, defaultZone,
                        defaultCurrency);
            }
        });
    }

    public Settings current() {
        Building b = QuarkusTransaction.joiningExisting().call(() -> Building.<Building>findById(Building.THE_ID));
        if (b == null) {
            throw new IllegalStateException("Building settings row is missing");
        }
        return new Settings(b.name, ZoneId.of(b.timeZone), Currency.getInstance(b.currency));
    }
}
