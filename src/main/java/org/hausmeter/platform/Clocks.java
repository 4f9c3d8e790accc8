package org.hausmeter.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.bus.sim.profile.SimClock;
import org.jboss.logging.Logger;

/**
 * The one clock of the server; cores and services take a {@link Clock} so tests can move time.
 * <ul>
 * <li>{@code hausmeter.clock.start} (an ISO instant, unset in production): the clock starts at this
 * instant when the server starts and runs on from there. The test suite pins every server it starts
 * this way (docs/testing.md), so no test depends on the machine's date; a demo can be shown "as of" a day.</li>
 * <li>{@code hausmeter.sim.time-factor} (demo only, e.g. 60 = a simulated hour per real minute): the
 * simulated meters, the poller's quarter hours and every page then follow the accelerated time.</li>
 * </ul>
 * Never either for a real building.
 */
@ApplicationScoped
public class Clocks {

    private static final Logger LOG = Logger.getLogger(Clocks.class);

    @ConfigProperty(name = "hausmeter.sim.time-factor", defaultValue = "1")
    long timeFactor;

    @ConfigProperty(name = "hausmeter.clock.start")
    Optional<Instant> start;

    @Produces
    @Singleton
    Clock clock() {
        return of(Clock.systemUTC(), start, timeFactor);
    }

    /** The server's clock over {@code base}: from {@code start} if given, {@code factor} times as fast. */
    public static Clock of(Clock base, Optional<Instant> start, long factor) {
        if (factor > 1) {
            LOG.warnf("Time runs %dx faster than real time (hausmeter.sim.time-factor): demo only", factor);
        }
        if (start.isPresent()) {
            LOG.warnf(
                    "The clock starts at %s (hausmeter.clock.start), not at the machine's time: tests and demos only",
                    start.get());
            return SimClock.startingAt(base, start.get(), Math.max(1, factor));
        }
        return factor > 1 ? SimClock.startingAt(base, base.instant(), factor) : base;
    }
}
