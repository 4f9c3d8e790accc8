package org.hausmeter.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hausmeter.bus.BuildingTopology;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.ledger.MeterRole;

/**
 * A resident's apartment's power now, from the live values the poller writes to Redis about every 10 s (the same
 * values as the kiosk's, {@link Kiosk#live()}), for the resident's own page only.
 */
@ApplicationScoped
public class ApartmentLive {

    private final LiveValues live;
    private final BuildingTopology topology;
    private final Clock clock;
    private final Duration maxAge;

    ApartmentLive(LiveValues live, BuildingTopology topology, Clock clock) {
        this.live = live;
        this.topology = topology;
        this.clock = clock;
        this.maxAge = Kiosk.maxAge(clock);
    }

    /** @return the apartment's live-read meters (polled APARTMENT meters of the building file), by name */
    public List<String> meters(String apartmentCode) {
        return topology.building().map(BuildingConfig::meters).orElse(List.of()).stream()
                .filter(m -> m.role() == MeterRole.APARTMENT && apartmentCode.equals(m.apartment()) && !m.importOnly())
                .map(BuildingConfig.Meter::name)
                .toList();
    }

    /** @return the apartment's power now; empty when none of its meters has a live value (or it has none) */
    public Optional<ApartmentNow> now(String apartmentCode) {
        List<String> meters = meters(apartmentCode);
        if (meters.isEmpty()) {
            return Optional.empty();
        }
        return ApartmentNow.of(live.latest(), meters, clock.instant(), maxAge);
    }
}
