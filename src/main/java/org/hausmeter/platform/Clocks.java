package org.hausmeter.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one wall clock of the server; cores and services take a {@link Clock} so tests can move time. */
@ApplicationScoped
public class Clocks {
    @Produces
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
