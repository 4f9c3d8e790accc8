package org.hausmeter.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.sim.SimulatedBuilding;
import org.hausmeter.bus.sim.profile.ChargingSession;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.persistence.ChargingCard;
import org.jboss.logging.Logger;

/**
 * The demo's past charging sessions: each seeded session of the simulated chargers before they went
 * live (the energy the simulated history already contains) becomes a CLOSED session of a demo
 * resident, with start and end counters taken from the same simulated meter, so bills have EV
 * lines that match the charger meter's quarter hours. Idempotent (one session per charger and start).
 */
@ApplicationScoped
public class DemoChargingHistory {

    private static final Logger LOG = Logger.getLogger(DemoChargingHistory.class);

    private final PollingService polling;
    private final Chargers chargers;
    private final BuildingSettings settings;
    private final Clock clock;
    private final boolean enabled;
    private final int historyMonths;

    DemoChargingHistory(
            PollingService polling,
            Chargers chargers,
            BuildingSettings settings,
            Clock clock,
            @ConfigProperty(name = "hausmeter.demo.enabled") boolean enabled,
            @ConfigProperty(name = "hausmeter.sim.history-months", defaultValue = "12") int historyMonths) {
        this.polling = polling;
        this.chargers = chargers;
        this.settings = settings;
        this.clock = clock;
        this.enabled = enabled;
        this.historyMonths = historyMonths;
    }

    void onStart(@Observes @Priority(55) StartupEvent event) {
        if (!enabled || historyMonths <= 0 || polling.simulator().isEmpty()) {
            return;
        }
        SimulatedBuilding building = polling.simulator().get().building();
        ZoneId zone = settings.current().zone();
        Instant liveFrom = building.liveFrom();
        Instant from = ZonedDateTime.ofInstant(clock.instant(), zone)
                .minusMonths(historyMonths)
                .toInstant();
        if (from.isBefore(building.options().epoch())) {
            from = building.options().epoch();
        }
        Instant start = from;
        int stored = QuarkusTransaction.requiringNew().call(() -> store(building, zone, start, liveFrom));
        if (stored > 0) {
            LOG.infof("Demo charging history: %d closed sessions from %s", stored, start);
        }
    }

    private int store(SimulatedBuilding building, ZoneId zone, Instant from, Instant to) {
        List<ChargingCard> cards = ChargingCard.<ChargingCard>list("blockedAt is null order by id");
        if (cards.isEmpty()) {
            return 0;
        }
        List<Tenancy> tenancies = Tenancy.listAll();
        int stored = 0;
        var em = ChargingCard.getEntityManager();
        for (Chargers.Charger charger : chargers.all()) {
            if (charger.meter().isEmpty() || charger.meter().get().meterId() < 0) {
                continue;
            }
            String meter = charger.meter().get().name();
            List<ChargingSession> sessions = new ArrayList<>(
                    building.seededSessions(meter, LocalDate.ofInstant(from, zone), LocalDate.ofInstant(to, zone)));
            for (ChargingSession s : sessions) {
                if (s.start().isBefore(from) || !s.end().isBefore(to)) {
                    continue;
                }
                int pick = Math.floorMod(s.start().hashCode() + charger.id().hashCode(), cards.size());
                ChargingCard card = null;
                Tenancy tenancy = null;
                for (int i = 0; i < cards.size() && tenancy == null; i++) {
                    ChargingCard c = cards.get((pick + i) % cards.size());
                    tenancy = tenancies.stream()
                            .filter(t -> t.resident.id.equals(c.resident.id)
                                    && !t.moveIn.isAfter(s.start())
                                    && (t.moveOut == null || t.moveOut.isAfter(s.start())))
                            .findFirst()
                            .orElse(null);
                    card = c;
                }
                if (tenancy == null) {
                    continue;
                }
                long startWh = building.values(meter, s.start()).get(Quantity.IMPORT_ENERGY_TOTAL);
                long endWh = building.values(meter, s.end()).get(Quantity.IMPORT_ENERGY_TOTAL);
                if (endWh <= startWh) {
                    continue;
                }
                stored += em.createNativeQuery(
                                "insert into charging_session (charger, meter_id, card_uid, card_id, resident_id,"
                                        + " tenancy_id, started_at, ended_at, start_wh, end_wh, status, end_reason, seen_power, last_power_at, source)"
                                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'CLOSED', 'IDLE', true, ?11, 'DEMO_HISTORY')"
                                        + " on conflict (charger, started_at) do nothing")
                        .setParameter(1, charger.id())
                        .setParameter(2, charger.meter().get().meterId())
                        .setParameter(3, card.uid)
                        .setParameter(4, card.id)
                        .setParameter(5, card.resident.id)
                        .setParameter(6, tenancy.id)
                        .setParameter(7, s.start())
                        .setParameter(8, s.end())
                        .setParameter(9, startWh)
                        .setParameter(10, endWh)
                        .setParameter(11, s.end())
                        .executeUpdate();
            }
        }
        return stored;
    }
}
