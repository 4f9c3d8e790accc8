package org.hausmeter.charging.power;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.ChargingConfig;
import org.hausmeter.charging.control.ChargerController;
import org.hausmeter.charging.persistence.ChargingSession;
import org.hausmeter.charging.persistence.PowerStore;
import org.hausmeter.charging.power.PowerPlanner.Decision;
import org.hausmeter.charging.power.PowerPlanner.Memory;
import org.hausmeter.charging.power.PowerPlanner.Plan;
import org.hausmeter.charging.power.PowerPlanner.Reason;
import org.hausmeter.live.BuildingNow;
import org.hausmeter.live.Kiosk;
import org.hausmeter.live.LiveValues;
import org.jboss.logging.Logger;

/**
 * The power control's shell: every {@code hausmeter.charging.power.interval} it reads what the server knows now
 * (the building's live PV and grid power from Redis, each charger meter's live power, the open sessions with their
 * modes, the car state where the charger reports one, the § 14a signal), runs {@link PowerPlanner}, and writes each
 * changed limit through the first {@link ChargerPowerOutput} that handles the charger. Every write (and every
 * failed one) is a row in {@code power_limit_change} and a log line.
 *
 * <p>Chargers no output handles (a plain relay) are not planned; their live draw is taken off the circuit's
 * limit. A write that fails keeps the remembered limit, so the next run tries again; a failure is recorded once
 * per streak.
 */
@ApplicationScoped
public class PowerControl {

    private static final Logger LOG = Logger.getLogger(PowerControl.class);
    private static final Set<Reason> PAUSING =
            Set.of(Reason.SOLAR_WAITING, Reason.HOLD_MIN_OFF, Reason.BUILDING_LIMIT, Reason.DIMMED_14A);

    private final Chargers chargers;
    private final ChargingConfig config;
    private final Kiosk kiosk;
    private final LiveValues live;
    private final GridDimming dimming;
    private final PowerStore store;
    private final PowerState state;
    private final Instance<ChargerPowerOutput> outputs;
    private final Clock clock;
    private final Map<String, Memory> memory = new ConcurrentHashMap<>();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private volatile Plan lastPlan;
    private volatile PowerPlanner.Building lastBuilding;

    PowerControl(
            Chargers chargers,
            ChargingConfig config,
            Kiosk kiosk,
            LiveValues live,
            GridDimming dimming,
            PowerStore store,
            PowerState state,
            Instance<ChargerPowerOutput> outputs,
            Clock clock) {
        this.chargers = chargers;
        this.config = config;
        this.kiosk = kiosk;
        this.live = live;
        this.dimming = dimming;
        this.store = store;
        this.state = state;
        this.outputs = outputs;
        this.clock = clock;
    }

    /** The planner's settings from {@code hausmeter.charging.power.*}. */
    public PowerPlanner.Settings settings() {
        ChargingConfig.Power p = config.power();
        return new PowerPlanner.Settings(
                p.voltageV(),
                p.minA(),
                p.circuitA(),
                p.circuitW(),
                p.dimmedW(),
                p.startMarginA(),
                p.stepA(),
                p.minOn(),
                p.minOff(),
                p.stopDelay());
    }

    /** The output that sets {@code chargerId}'s limit, if any. */
    public Optional<ChargerPowerOutput> output(String chargerId) {
        for (ChargerPowerOutput o : outputs) {
            if (o.handles(chargerId)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** One run at {@code now}; returns the plan (also kept as {@link #lastPlan}). */
    public synchronized Plan run(Instant now) {
        PowerPlanner.Settings base = settings();
        Map<String, LiveValues.LivePower> latest = live.latest();
        PowerPlanner.Building building = kiosk.live()
                .now()
                .map((BuildingNow n) -> new PowerPlanner.Building(n.pvW(), n.gridW(), n.stale()))
                .orElse(new PowerPlanner.Building(0, 0, true));
        Map<String, ChargingSession> open = QuarkusTransaction.requiringNew()
                .call(() -> ChargingSession.<ChargingSession>list("status", ChargingSession.OPEN).stream()
                        .collect(Collectors.toMap(s -> s.charger, s -> s, (a, b) -> a)));
        boolean dimmed = dimming.active(now);
        List<PowerPlanner.Charger> planned = new ArrayList<>();
        long reservedW = 0;
        int reservedA = 0;
        for (Chargers.Charger c : chargers.all()) {
            long drawW = c.meter()
                    .map(m -> latest.get(m.name()))
                    .filter(p -> p.at().isAfter(now.minus(config.power().maxAge())))
                    .map(p -> Math.max(0, p.powerW()))
                    .orElse(0L);
            int phases = config.power().phases().getOrDefault(c.id(), 3);
            if (output(c.id()).isEmpty()) {
                // a charger nobody can limit still loads the circuit
                reservedW += drawW;
                reservedA += (int) Math.ceil(drawW / (double) (base.voltageV() * phases));
                continue;
            }
            ChargingSession s = open.get(c.id());
            boolean plugged = s != null && plugged(c);
            ChargeMode mode = s == null ? ChargeMode.FAST : ChargeMode.parse(s.chargeMode);
            planned.add(new PowerPlanner.Charger(
                    c.id(),
                    s != null,
                    plugged,
                    mode,
                    phases,
                    config.power().maxA().getOrDefault(c.id(), 16),
                    drawW));
        }
        java.util.Set<String> listed =
                chargers.all().stream().map(Chargers.Charger::id).collect(Collectors.toSet());
        for (ChargerPowerOutput o : outputs) {
            for (ChargerPowerOutput.Unlisted u : o.unlisted(now)) {
                if (!listed.add(u.chargerId())) {
                    continue;
                }
                ChargingSession s = open.get(u.chargerId());
                planned.add(new PowerPlanner.Charger(
                        u.chargerId(),
                        s != null,
                        s != null && u.plugged(),
                        s == null ? ChargeMode.FAST : ChargeMode.parse(s.chargeMode),
                        config.power().phases().getOrDefault(u.chargerId(), 3),
                        config.power().maxA().getOrDefault(u.chargerId(), 16),
                        u.drawW()));
            }
        }
        PowerPlanner.Settings s = new PowerPlanner.Settings(
                base.voltageV(),
                base.minA(),
                Math.max(0, base.circuitA() - reservedA),
                base.circuitW() == 0 ? 0 : Math.max(1, base.circuitW() - reservedW),
                base.dimmedW(),
                base.startMarginA(),
                base.stepA(),
                base.minOn(),
                base.minOff(),
                base.stopDelay());
        Plan plan = PowerPlanner.plan(s, building, planned, Map.copyOf(memory), dimmed, now);
        for (Decision d : plan.decisions()) {
            ChargingSession session = open.get(d.chargerId());
            boolean switched = state.takeSwitched(d.chargerId());
            Memory before = memory.getOrDefault(d.chargerId(), Memory.NONE);
            boolean write = d.changed() || switched || session != null && !confirmed.contains(d.chargerId());
            if (!write) {
                memory.put(d.chargerId(), d.memory());
            } else {
                apply(d, before, session, dimmed, now);
            }
            state.setPaused(d.chargerId(), session != null && d.amps() == 0 && PAUSING.contains(d.reason()));
        }
        if (dimmed) {
            store.notePlanned((int) Math.min(Integer.MAX_VALUE, plan.totalW(s.voltageV())));
        }
        lastPlan = plan;
        lastBuilding = building;
        return plan;
    }

    private void apply(Decision d, Memory before, ChargingSession session, boolean dimmed, Instant now) {
        ChargerPowerOutput out = output(d.chargerId()).orElseThrow();
        String error = null;
        try {
            out.setLimit(d.chargerId(), d.amps(), d.phases());
        } catch (ChargerPowerOutput.PowerOutputException | RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        Long sessionId = session == null ? null : session.id;
        if (error == null) {
            memory.put(d.chargerId(), d.memory());
            confirmed.add(d.chargerId());
            lastFailure.remove(d.chargerId());
            LOG.infof(
                    "Power: charger [%s] %d A -> %d A on %d phase(s) (%s%s)",
                    d.chargerId(), before.amps(), d.amps(), d.phases(), d.reason(), dimmed ? ", § 14a dimming" : "");
        } else {
            // keep what was there: the next run tries again
            confirmed.remove(d.chargerId());
            if (error.equals(lastFailure.put(d.chargerId(), error))) {
                return;
            }
            LOG.warnf("Power: charger [%s] limit %d A not set: %s", d.chargerId(), d.amps(), error);
        }
        store.recordChange(new PowerStore.LimitChange(
                0,
                now,
                d.chargerId(),
                sessionId,
                d.amps(),
                d.phases(),
                before.amps(),
                d.reason().name(),
                dimmed,
                out.name(),
                error == null,
                error == null ? null : truncate(error)));
    }

    private boolean plugged(Chargers.Charger c) {
        if (c.control().isEmpty()) {
            return true;
        }
        try {
            return c.control()
                    .get()
                    .vehicle()
                    .map(v -> v != ChargerController.Vehicle.UNPLUGGED)
                    .orElse(true);
        } catch (ModbusFailure | RuntimeException e) {
            return true; // unknown: the monitor decides about the session, the planner keeps its share
        }
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    /** The last plan, if any run happened. */
    public Optional<Plan> lastPlan() {
        return Optional.ofNullable(lastPlan);
    }

    /** The building values the last plan used. */
    public Optional<PowerPlanner.Building> lastBuilding() {
        return Optional.ofNullable(lastBuilding);
    }

    /** Runs now at the server's clock (the scheduler and the caretaker's switch). */
    public Plan runNow() {
        return run(clock.instant());
    }
}
