package org.hausmeter.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.support.MutableClock;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** Which meter states are incidents: a silent meter, a whole bus down (one incident, not one per meter). */
class AlertChecksTest {

    final MutableClock clock = new MutableClock(TestTime.PINNED);
    final Instant started = TestTime.PINNED;

    MeterHealth meter(String name) {
        return new MeterHealth(name, clock, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    @Test
    void aMeterSilentLongerThanTheLimit_isAnIncident_aBusWhoseEveryMeterFails_isOne() {
        MeterHealth ok = meter("apt-1");
        MeterHealth silent = meter("apt-2");
        MeterHealth late = meter("apt-3");
        ok.success();
        silent.success();
        late.success();
        clock.advance(Duration.ofMinutes(61));
        ok.success();
        silent.failure(MeterHealth.Failure.TIMEOUT, 0, "timeout");
        clock.advance(Duration.ofMinutes(1));
        late.success();
        MeterHealth dead1 = meter("pv");
        MeterHealth dead2 = meter("grid");
        for (int i = 0; i < 3; i++) {
            dead1.failure(MeterHealth.Failure.TIMEOUT, 0, "timeout");
            dead2.failure(MeterHealth.Failure.CRC, 0, "bad CRC");
        }
        Map<String, Map<String, MeterHealth>> buses = new LinkedHashMap<>();
        buses.put("house", new LinkedHashMap<>(Map.of("apt-1", ok, "apt-2", silent, "apt-3", late)));
        buses.put("roof", new LinkedHashMap<>(Map.of("pv", dead1, "grid", dead2)));

        // apt-2: last good read 62 minutes ago, more than 4 quarter hours; the roof bus: every meter failed 3 times.
        List<Alerts.Condition> c = AlertChecks.meterConditions(buses, clock.instant(), started, 4);
        assertThat(c)
                .extracting(Alerts.Condition::key)
                .containsExactlyInAnyOrder("meter-silent:apt-2", "bus-down:roof");
        assertThat(c)
                .filteredOn(x -> x.kind().equals("meter-silent"))
                .singleElement()
                .satisfies(x -> assertThat(x.detail())
                        .contains("more than 4 quarter hours")
                        .contains("timeout"));

        // With a limit of five quarter hours (75 minutes) the 62 minutes of apt-2 are no incident; the bus still is.
        assertThat(AlertChecks.meterConditions(buses, clock.instant(), started, 5))
                .extracting(Alerts.Condition::key)
                .containsExactly("bus-down:roof");

        // One meter of the roof answers again: the bus is up; the other meter, never read, counts from the start.
        dead1.success();
        assertThat(AlertChecks.meterConditions(buses, clock.instant(), started, 4))
                .extracting(Alerts.Condition::key)
                .containsExactlyInAnyOrder("meter-silent:apt-2", "meter-silent:grid");
    }
}
