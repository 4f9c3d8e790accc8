package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.hausmeter.bus.sim.profile.SimClock;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.support.MutableClock;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/**
 * The age limit of live values follows the server's clock: with {@code hausmeter.sim.time-factor=60} the poller's
 * 10 real seconds between live reads are 10 simulated minutes, which must not read as "live data unavailable".
 */
class KioskMaxAgeTest {

    private static final Map<String, MeterRole> ROLES = Map.of("grid", MeterRole.GRID, "pv", MeterRole.PV);

    @Test
    void realClock_sixtySeconds() {
        assertThat(Kiosk.maxAge(Clock.fixed(TestTime.PINNED, ZoneOffset.UTC))).isEqualTo(Duration.ofSeconds(60));
        assertThat(Kiosk.maxAge(SimClock.startingAt(Clock.fixed(TestTime.PINNED, ZoneOffset.UTC), TestTime.PINNED, 1)))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fastClock_aLiveValueReadTenRealSecondsAgo_isNotStale() {
        MutableClock real = new MutableClock(TestTime.PINNED);
        SimClock sim = SimClock.startingAt(real, TestTime.PINNED, 60);
        Instant readAt = sim.instant();
        Map<String, LiveValues.LivePower> latest = Map.of(
                "grid", new LiveValues.LivePower("grid", 800, readAt),
                "pv", new LiveValues.LivePower("pv", -1200, readAt));
        real.advance(Duration.ofSeconds(10)); // the poller's next live read is due only now
        assertThat(Duration.between(readAt, sim.instant())).isEqualTo(Duration.ofMinutes(10));

        BuildingNow now =
                BuildingNow.of(latest, ROLES, sim.instant(), Kiosk.maxAge(sim)).orElseThrow();
        assertThat(now.stale()).isFalse();
        // The fixed 60 s of the simulated clock called it stale: the page said "live data unavailable".
        assertThat(BuildingNow.of(latest, ROLES, sim.instant(), Kiosk.MAX_AGE)
                        .orElseThrow()
                        .stale())
                .isTrue();

        real.advance(Duration.ofSeconds(61)); // a minute and more of real time without a live value: stale
        assertThat(BuildingNow.of(latest, ROLES, sim.instant(), Kiosk.maxAge(sim))
                        .orElseThrow()
                        .stale())
                .isTrue();
    }
}
