package org.hausmeter.bus;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The poller itself: DOWN when polling is on and the last completed quarter-hour cycle is older than
 * {@code hausmeter.bus.stalled-after} (default 30 minutes: two quarter hours) by the server's clock, so a hung
 * bus thread or a dead loop shows on /q/health and not only as a gap in the bills. Failing meters do not make
 * it DOWN (a cycle with every meter silent still completes; see their health on the meters page). UP with
 * {@code polling: off} when there is no building file or polling is switched off.
 */
@Readiness
@ApplicationScoped
public class PollerHealthCheck implements HealthCheck {

    private final PollingService polling;
    private final Clock clock;
    private final Duration stalledAfter;

    PollerHealthCheck(
            PollingService polling,
            Clock clock,
            @ConfigProperty(name = "hausmeter.bus.stalled-after", defaultValue = "30m") Duration stalledAfter) {
        this.polling = polling;
        this.clock = clock;
        this.stalledAfter = stalledAfter;
    }

    @Override
    public HealthCheckResponse call() {
        return response(polling.lastCompletedCycle(), clock.instant(), stalledAfter);
    }

    /** The check's answer for the last completed cycle (empty: nothing polled) at {@code now}. */
    static HealthCheckResponse response(Optional<Instant> lastCompleted, Instant now, Duration stalledAfter) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Meter polling");
        if (lastCompleted.isEmpty()) {
            return b.up().withData("polling", "off").build();
        }
        long age = Math.max(0, Duration.between(lastCompleted.get(), now).toSeconds());
        b.withData("polling", "on")
                .withData("last_cycle", lastCompleted.get().toString())
                .withData("last_cycle_age_s", age);
        return age > stalledAfter.toSeconds()
                ? b.down().withData("stalled_after_s", stalledAfter.toSeconds()).build()
                : b.up().build();
    }
}
