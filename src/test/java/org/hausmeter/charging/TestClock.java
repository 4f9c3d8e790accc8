package org.hausmeter.charging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.hausmeter.support.EmbeddedServersResource;
import org.hausmeter.support.MutableClock;

/**
 * The server's clock in {@link ChargingTestProfile}: a {@link MutableClock} that starts where every test
 * server's clock starts ({@link EmbeddedServersResource#clockStart()}, on the suite's pinned day) and
 * moves only when a test moves it.
 */
@Alternative
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return new MutableClock(EmbeddedServersResource.clockStart());
    }
}
