package org.hausmeter.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.bus.sim.profile.SimClock;
import org.jboss.logging.Logger;

/**
 * The one clock of the server; cores and services take a {@link Clock} so tests can move time.
 * For demos the clock can run faster than real time ({@code hausmeter.sim.time-factor}, e.g. 60 =
 * a simulated hour per real minute): the simulated meters, the poller's quarter hours and every
 * page then follow the accelerated time. Never for a real building.
 */
@ApplicationScoped
public class Clocks {

    private static final Logger LOG = Logger.getLogger(Clocks.class);

    @ConfigProperty(name = "hausmeter.sim.time-factor", defaultValue = "1")
    long timeFactor;

    @Produces
    @Singleton
    Clock clock() {
        if (timeFactor > 1) {
            LOG.warnf("Time runs %dx faster than real time (hausmeter.sim.time-factor): demo only", timeFactor);
            return SimClock.startingAt(Clock.systemUTC(), Clock.systemUTC().instant(), timeFactor);
        }
        return Clock.systemUTC();
    }
}
