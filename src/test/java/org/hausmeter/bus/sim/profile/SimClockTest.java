package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final Instant REAL = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant SIM = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void factor1_isRealTime_shiftedToSimStart() {
        MutableClock real = new MutableClock(REAL);
        SimClock sim = SimClock.startingAt(real, SIM, 1);
        real.advance(Duration.ofMillis(1_500));

        assertThat(sim.instant()).isEqualTo(SIM.plusMillis(1_500));
    }

    @Test
    void factor60_isOneSimulatedMinutePerSecond() {
        MutableClock real = new MutableClock(REAL);
        SimClock sim = SimClock.startingAt(real, SIM, 60);
        real.advance(Duration.ofSeconds(10));

        assertThat(sim.instant()).isEqualTo(SIM.plus(Duration.ofMinutes(10)));
        assertThat(sim.realDuration(Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void factor900_isOneQuarterHourPerSecond_andAYearIn9Hours44Minutes() {
        MutableClock real = new MutableClock(REAL);
        SimClock sim = SimClock.startingAt(real, SIM, 900);
        real.advance(Duration.ofSeconds(1));
        assertThat(sim.instant()).isEqualTo(SIM.plus(Duration.ofMinutes(15)));
        assertThat(sim.realDuration(Duration.ofDays(365))).isEqualTo(Duration.ofSeconds(35_040));
    }

    @Test
    void withFactor_continuesWithoutAJump() {
        MutableClock real = new MutableClock(REAL);
        SimClock sim = SimClock.startingAt(real, SIM, 60);
        real.advance(Duration.ofSeconds(30));
        SimClock faster = sim.withFactor(900);

        assertThat(faster.instant()).isEqualTo(sim.instant()).isEqualTo(SIM.plus(Duration.ofMinutes(30)));
        real.advance(Duration.ofSeconds(2));
        assertThat(faster.instant()).isEqualTo(SIM.plus(Duration.ofMinutes(60)));
    }

    @Test
    void fixedBaseClock_standsStill() {
        SimClock sim = SimClock.startingAt(Clock.fixed(REAL, ZoneOffset.UTC), SIM, 900);
        assertThat(sim.instant()).isEqualTo(SIM);
        assertThat(sim.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void factorBelowOne_isRejected() {
        assertThatThrownBy(() -> new SimClock(Clock.fixed(REAL, java.time.ZoneOffset.UTC), REAL, SIM, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
