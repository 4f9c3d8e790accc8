package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class MeterHealthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-29T00:45:00Z"));
    private final MeterHealth health = new MeterHealth("apt-1", clock, Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void failures_areCountedByKind_andExceptionCodesKept() {
        health.failure(MeterHealth.Failure.TIMEOUT, 0, "timeout");
        health.failure(MeterHealth.Failure.EXCEPTION, 2, "illegal data address");
        health.failure(MeterHealth.Failure.EXCEPTION, 2, "illegal data address");
        health.failure(MeterHealth.Failure.CRC, 0, "crc");
        assertThat(health.failures(MeterHealth.Failure.TIMEOUT)).isEqualTo(1);
        assertThat(health.failures(MeterHealth.Failure.EXCEPTION)).isEqualTo(2);
        assertThat(health.failures(MeterHealth.Failure.CRC)).isEqualTo(1);
        assertThat(health.exceptionCodes()).containsEntry(2, 2L);
        assertThat(health.isDefective()).isTrue();
        assertThat(health.lastError()).contains("crc");
    }

    @Test
    void backoff_growsPerFailure_isCapped_andResetsOnSuccess() {
        assertThat(health.due()).isTrue();
        health.failure(MeterHealth.Failure.TIMEOUT, 0, "t");
        assertThat(health.nextAttempt()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(health.due()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(health.due()).isTrue();
        for (int i = 0; i < 100; i++) {
            health.failure(MeterHealth.Failure.TIMEOUT, 0, "t");
        }
        assertThat(health.nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        health.success();
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.isDefective()).isFalse();
        assertThat(health.lastGoodRead()).contains(clock.instant());
        assertThat(health.due()).isTrue();
    }
}
