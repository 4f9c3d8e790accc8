package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** The poller's own health: DOWN when the last completed quarter-hour cycle is older than two quarter hours. */
class PollerHealthCheckTest {

    private static final Duration STALLED_AFTER = Duration.ofMinutes(30);
    private static final Instant NOW = TestTime.PINNED;

    @Test
    void recentCycle_isUp_withItsAge() {
        HealthCheckResponse r = PollerHealthCheck.response(Optional.of(NOW.minusSeconds(16 * 60)), NOW, STALLED_AFTER);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("polling", "on").containsEntry("last_cycle_age_s", 960L);
    }

    @Test
    void cycleOlderThanTwoQuarterHours_isDown() {
        assertThat(PollerHealthCheck.response(Optional.of(NOW.minus(STALLED_AFTER)), NOW, STALLED_AFTER)
                        .getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
        HealthCheckResponse r =
                PollerHealthCheck.response(Optional.of(NOW.minus(STALLED_AFTER).minusSeconds(1)), NOW, STALLED_AFTER);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow())
                .containsEntry("last_cycle", "2026-11-20T08:29:59Z")
                .containsEntry("stalled_after_s", 1800L);
    }

    @Test
    void nothingPolled_isUp_andSaysSo() {
        HealthCheckResponse r = PollerHealthCheck.response(Optional.empty(), NOW, STALLED_AFTER);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("polling", "off");
    }
}
