package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DST days in Europe/Berlin: every quarter hour counted once, no gaps, no jumps. */
class DstTest {

    private static final TestBuilding BUILDING = new TestBuilding(11);

    @ParameterizedTest
    @CsvSource({"2025-03-30, 92", "2025-10-26, 100", "2025-06-15, 96"})
    void dstDay_quarterHoursTileTheLocalDay_exactly(LocalDate date, int intervals) {
        Instant start = date.atStartOfDay(TestBuilding.BERLIN).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(TestBuilding.BERLIN).toInstant();
        assertThat(Duration.between(start, end).toMinutes() / 15).isEqualTo(intervals);

        BuildingEnergy grid = BUILDING.energy();
        List<PowerProfile> meters = BUILDING.meters();
        for (PowerProfile p : meters) {
            long sum = 0;
            int n = 0;
            for (Instant t = start; t.isBefore(end); t = t.plusSeconds(900)) {
                sum += p.energyWh(t, t.plusSeconds(900));
                n++;
            }
            assertThat(n).isEqualTo(intervals);
            assertThat(sum).isEqualTo(p.energyWh(start, end));
        }
        long imp = 0;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(900)) {
            imp += grid.importWh(t.plusSeconds(900)) - grid.importWh(t);
        }
        assertThat(imp).isEqualTo(grid.importWh(end) - grid.importWh(start));
    }

    @ParameterizedTest
    @CsvSource({"2025-03-30", "2025-10-26"})
    void dstNight_counterHasNoJump_everyMinuteMatchesItsPower(LocalDate date) {
        Instant from = date.atStartOfDay(TestBuilding.BERLIN).toInstant();
        for (PowerProfile p : BUILDING.meters()) {
            for (int m = 0; m < 6 * 60; m++) {
                Instant t = from.plus(Duration.ofMinutes(m));
                long delta = p.counterMj(t.plusSeconds(60)) - p.counterMj(t);
                assertThat(delta).isEqualTo(p.powerW(t) * 60_000);
                assertThat(p.powerW(t)).isBetween(0L, 25_000L);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2025-03-30, 23", "2025-10-26, 25"})
    void dstDay_constantLoad_seesTheRealDayLength(LocalDate date, int hours) {
        // a constant load sees exactly the day's real length
        ConstantLoad constant = new ConstantLoad(BUILDING.grid, 100);
        Instant start = date.atStartOfDay(TestBuilding.BERLIN).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(TestBuilding.BERLIN).toInstant();
        assertThat(constant.energyWh(start, end)).isEqualTo(100L * hours);
    }
}
