package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** An apartment's power now: its own meters only, never negative, stale when a value is old or missing. */
class ApartmentNowTest {

    private static final Instant NOW = TestTime.PINNED;
    private static final Duration AGE = Duration.ofSeconds(60);

    private static LiveValues.LivePower p(String meter, long w, Instant at) {
        return new LiveValues.LivePower(meter, w, at);
    }

    @Test
    void sumsTheApartmentsMeters_only() {
        Map<String, LiveValues.LivePower> latest = Map.of(
                "apt-1", p("apt-1", 420, NOW.minusSeconds(5)),
                "apt-1b", p("apt-1b", 80, NOW.minusSeconds(8)),
                "apt-2", p("apt-2", 9000, NOW),
                "grid", p("grid", 12000, NOW));
        ApartmentNow a =
                ApartmentNow.of(latest, List.of("apt-1", "apt-1b"), NOW, AGE).orElseThrow();
        assertThat(a.powerW()).isEqualTo(500);
        assertThat(a.at()).isEqualTo(NOW.minusSeconds(8));
        assertThat(a.stale()).isFalse();
    }

    @Test
    void staleWhenOld_orAMeterIsMissing_andNothingWithoutAnyValue() {
        Map<String, LiveValues.LivePower> latest = Map.of("apt-1", p("apt-1", -30, NOW.minusSeconds(61)));
        ApartmentNow old = ApartmentNow.of(latest, List.of("apt-1"), NOW, AGE).orElseThrow();
        assertThat(old.stale()).isTrue();
        assertThat(old.powerW()).isZero();
        Map<String, LiveValues.LivePower> fresh = Map.of("apt-1", p("apt-1", 100, NOW));
        assertThat(ApartmentNow.of(fresh, List.of("apt-1", "apt-1b"), NOW, AGE)
                        .orElseThrow()
                        .stale())
                .isTrue();
        assertThat(ApartmentNow.of(fresh, List.of("apt-9"), NOW, AGE)).isEmpty();
    }
}
