package org.hausmeter.charging.power;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.PollingService;
import org.hausmeter.charging.ChargingConfig;
import org.hausmeter.charging.persistence.PowerStore;
import org.jboss.logging.Logger;

/**
 * The § 14a EnWG dimming signal: a Modbus coil (the grid operator's control box switches a relay whose contact a
 * Modbus I/O module reads; {@code hausmeter.charging.power.dimming-bus/-unit/-address}) or the caretaker's test
 * switch. Each active stretch of either source is a period in {@code grid_dimming_period} for the grid operator.
 * An input that cannot be read counts as active (the limit is the safe side) and is logged once per failure streak.
 */
@ApplicationScoped
public class GridDimming {

    private static final Logger LOG = Logger.getLogger(GridDimming.class);
    public static final String INPUT = "INPUT";
    public static final String CARETAKER = "CARETAKER";

    private final PowerStore store;
    private final PollingService polling;
    private final ChargingConfig config;
    private final AuditLog audit;
    private volatile Boolean caretaker;
    private volatile Boolean input;
    private volatile String inputFailure;

    GridDimming(PowerStore store, PollingService polling, ChargingConfig config, AuditLog audit) {
        this.store = store;
        this.polling = polling;
        this.config = config;
        this.audit = audit;
    }

    /** Whether dimming is active at {@code now}: reads the input (if configured) and records period changes. */
    public synchronized boolean active(Instant now) {
        if (caretaker == null) {
            caretaker = store.openPeriod(CARETAKER).isPresent(); // survives a restart
        }
        Optional<String> bus = config.power().dimmingBus();
        if (bus.isPresent()) {
            boolean on;
            String by = "input";
            try {
                on = polling.onBus(
                        bus.get(),
                        b -> b.readCoils(
                                        config.power().dimmingUnit(),
                                        config.power().dimmingAddress(),
                                        1)[0],
                        config.busWait());
                if (inputFailure != null) {
                    LOG.infof("§ 14a input on bus [%s] answers again", bus.get());
                    inputFailure = null;
                }
            } catch (ModbusFailure | RuntimeException e) {
                on = true;
                by = "input-unreadable";
                if (inputFailure == null) {
                    LOG.warnf(
                            "§ 14a input on bus [%s] unit %d coil %d not readable (%s): chargers are limited as if"
                                    + " dimmed until it answers",
                            bus.get(),
                            config.power().dimmingUnit(),
                            config.power().dimmingAddress(),
                            e.getMessage());
                }
                inputFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (input == null) {
                input = store.openPeriod(INPUT).isPresent();
            }
            if (on != input) {
                if (on) {
                    store.startPeriod(INPUT, now, (int) config.power().dimmedW(), by);
                    LOG.infof(
                            "§ 14a dimming starts (input): chargers together at most %d W",
                            config.power().dimmedW());
                } else {
                    store.endPeriod(INPUT, now, "input");
                    LOG.info("§ 14a dimming ends (input)");
                }
                input = on;
            }
        }
        return caretaker || Boolean.TRUE.equals(input);
    }

    /** The caretaker's test switch: on starts a CARETAKER period, off ends it (audited). */
    public synchronized void setCaretakerSwitch(boolean on, Instant now, String actor, String reason) {
        boolean before = store.openPeriod(CARETAKER).isPresent();
        if (before == on) {
            caretaker = on;
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (on) {
                store.startPeriod(CARETAKER, now, (int) config.power().dimmedW(), actor);
            } else {
                store.endPeriod(CARETAKER, now, actor);
            }
            audit.record(actor, "power.dimming", "power:14a", Map.of("active", before), Map.of("active", on), reason);
        });
        caretaker = on;
        LOG.infof("§ 14a dimming %s by the caretaker's switch (%s)", on ? "starts" : "ends", actor);
    }

    /** The sources and their state, for the caretaker's view. */
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caretakerSwitch", Boolean.TRUE.equals(caretaker));
        m.put("inputConfigured", config.power().dimmingBus().isPresent());
        m.put("input", input);
        m.put("inputFailure", inputFailure);
        m.put("limitW", config.power().dimmedW());
        return m;
    }
}
