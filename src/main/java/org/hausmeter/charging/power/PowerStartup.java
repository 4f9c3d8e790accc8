package org.hausmeter.charging.power;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.ChargingConfig;
import org.jboss.logging.Logger;

/**
 * Runs the power control every {@code hausmeter.charging.power.interval} after the chargers are loaded
 * (ChargingStartup, priority 50), when it is enabled and some charger has an output that takes a limit.
 */
@ApplicationScoped
public class PowerStartup {

    private static final Logger LOG = Logger.getLogger(PowerStartup.class);

    private final PowerControl control;
    private final Chargers chargers;
    private final ChargingConfig config;
    private ScheduledExecutorService scheduler;

    PowerStartup(PowerControl control, Chargers chargers, ChargingConfig config) {
        this.control = control;
        this.chargers = chargers;
        this.config = config;
    }

    void onStart(@Observes @Priority(60) StartupEvent event) {
        if (!config.power().enabled()) {
            return;
        }
        var limitable = chargers.all().stream()
                .filter(c -> control.output(c.id()).isPresent())
                .map(Chargers.Charger::id)
                .toList();
        if (limitable.isEmpty()) {
            return;
        }
        LOG.infof("Power control every %s for chargers %s", config.power().interval(), limitable);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "power-control");
            t.setDaemon(true);
            return t;
        });
        long every = config.power().interval().toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        control.runNow();
                    } catch (RuntimeException e) {
                        LOG.warnf("Power control run failed: %s", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
