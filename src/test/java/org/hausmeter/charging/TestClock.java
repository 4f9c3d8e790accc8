package org.hausmeter.charging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.hausmeter.support.MutableClock;

/** The server's clock in {@link ChargingTestProfile}: a {@link MutableClock} that starts at the real now. */
@Alternative
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return new MutableClock(Instant.now());
    }
}
