package org.hausmeter.charging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.charging.control.ChargerController;
import org.hausmeter.charging.pcsc.PcscLibrary;
import org.hausmeter.charging.pcsc.ReaderWatcher;
import org.jboss.logging.Logger;

/**
 * Starts EV charging after the buses run (PollingService, priority 40): loads the chargers, runs each
 * control profile's setup writes, recovers open sessions from the chargers' real state, then checks
 * running sessions every {@code monitor-interval}, keeps watchdog devices alive, and watches the NFC
 * readers when PC/SC is available.
 */
@ApplicationScoped
public class ChargingStartup {

    private static final Logger LOG = Logger.getLogger(ChargingStartup.class);

    private final Chargers chargers;
    private final ChargingService service;
    private final ChargingConfig config;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private ReaderWatcher watcher;

    ChargingStartup(Chargers chargers, ChargingService service, ChargingConfig config, Clock clock) {
        this.chargers = chargers;
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(50) StartupEvent event) {
        chargers.load();
        if (chargers.all().stream().noneMatch(c -> c.control().isPresent())) {
            startReaders();
            return;
        }
        for (Chargers.Charger c : chargers.all()) {
            c.control().ifPresent(this::setup);
        }
        service.recover();
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "charging-monitor");
            t.setDaemon(true);
            return t;
        });
        long every = config.monitorInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        service.checkSessions(clock.instant());
                    } catch (RuntimeException e) {
                        LOG.warnf("Charging session check failed: %s", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        for (Chargers.Charger c : chargers.all()) {
            Optional<java.time.Duration> keepAlive = c.control().flatMap(ChargerController::keepAliveInterval);
            if (keepAlive.isPresent()) {
                ChargerController control = c.control().get();
                long ms = keepAlive.get().toMillis();
                scheduler.scheduleAtFixedRate(
                        () -> {
                            try {
                                control.enabled();
                            } catch (ModbusFailure | RuntimeException e) {
                                LOG.debugf(
                                        "Keep-alive of charger [%s] failed: %s", control.chargerId(), e.getMessage());
                            }
                        },
                        ms,
                        ms,
                        TimeUnit.MILLISECONDS);
            }
        }
        startReaders();
    }

    private void setup(ChargerController control) {
        try {
            control.setup();
        } catch (ModbusFailure | RuntimeException e) {
            LOG.warnf(
                    "Setup of charger [%s] (%s) failed: %s; taps there are refused until it answers",
                    control.chargerId(), control.profile().id(), e.getMessage());
        }
    }

    private void startReaders() {
        String mode = config.readers().mode();
        if (mode.equals("off") || chargers.readers().isEmpty()) {
            return;
        }
        Optional<String> library = PcscLibrary.configure(config.readers().library());
        if (library.isEmpty()) {
            String message = "NFC readers " + chargers.readers() + " are configured but no PC/SC library was found"
                    + " (install Debian's libpcsclite1 and pcscd, or set hausmeter.charging.readers.library): readers are off,"
                    + " everything else runs";
            if (mode.equals("on")) {
                LOG.error(message);
            } else {
                LOG.warn(message);
            }
            return;
        }
        watcher = new ReaderWatcher(
                chargers.readers(),
                (reader, uid) -> service.readerTap(reader, uid).accepted(),
                config.readers().pollInterval(),
                Pattern.compile(config.readers().feedbackReaders()));
        watcher.start();
    }

    /** The reader watcher, when it runs. */
    public Optional<ReaderWatcher> watcher() {
        return Optional.ofNullable(watcher);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
