package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class PvProductionTest {

    private static final SimGrid GRID = SimGrid.minutes(TestBuilding.EPOCH);
    private static final PvProduction PV = new PvProduction(GRID, TestBuilding.BERLIN_ROOF, 5);

    @Test
    void pv_isZeroAtNight_everyDayOfTheYear() {
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
            Instant midnight =
                    d.atTime(LocalTime.MIDNIGHT).atZone(TestBuilding.BERLIN).toInstant();
            assertThat(PV.energyWh(midnight, midnight.plus(Duration.ofHours(3))))
                    .as("%s 00–03", d)
                    .isZero();
            Instant late = d.atTime(22, 30).atZone(TestBuilding.BERLIN).toInstant();
            assertThat(PV.powerW(late)).as("%s 22:30", d).isZero();
        }
    }

    @Test
    void pv_atNoon_isHigherInJuneThanInDecember() {
        long june = 0;
        long december = 0;
        for (int day = 1; day <= 30; day++) {
            june += PV.powerW(LocalDate.of(2025, 6, day)
                    .atTime(13, 10)
                    .atZone(TestBuilding.BERLIN)
                    .toInstant());
            december += PV.powerW(LocalDate.of(2025, 12, day)
                    .atTime(12, 10)
                    .atZone(TestBuilding.BERLIN)
                    .toInstant());
        }
        assertThat(june).isGreaterThan(2 * december);
        assertThat(PV.energyWh(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z")))
                .isGreaterThan(
                        3 * PV.energyWh(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z")));
    }

    @Test
    void pv_neverExceedsPeakByMuch_andPeaksAroundSolarNoon() {
        long max = 0;
        Instant peakAt = null;
        Instant day = Instant.parse("2025-06-21T00:00:00Z");
        for (int m = 0; m < 1440; m++) {
            Instant t = day.plus(Duration.ofMinutes(m));
            long w = PV.powerW(t);
            assertThat(w).isBetween(0L, 33_000L);
            if (w > max) {
                max = w;
                peakAt = t;
            }
        }
        assertThat(max).isGreaterThan(5_000);
        // solar noon in Berlin ≈ 11:05 UTC; clouds may move the maximum a little
        assertThat(peakAt).isBetween(Instant.parse("2025-06-21T08:30:00Z"), Instant.parse("2025-06-21T13:40:00Z"));
    }

    @Test
    void pv_sunHours_followLongitude_notTheZone() {
        // the same site 15° further west sees the same sun one hour later in UTC
        PvProduction east = new PvProduction(GRID, new PvSite(50, 15, 10_000, 0, 0), 9);
        PvProduction west = new PvProduction(GRID, new PvSite(50, 0, 10_000, 0, 0), 9);
        Instant day = Instant.parse("2025-04-10T00:00:00Z");
        double eastMidday = producingMidpointMinute(east, day);
        double westMidday = producingMidpointMinute(west, day);
        assertThat(westMidday - eastMidday).isBetween(55.0, 65.0);
        // solar noon at 15° E on 10 April: 12:00 − 60 min + 1.5 min (equation of time) ≈ 11:01 UTC
        assertThat(eastMidday).isBetween(655.0, 670.0);
    }

    private static double producingMidpointMinute(PvProduction pv, Instant day) {
        int first = -1;
        int last = -1;
        for (int m = 0; m < 1440; m++) {
            if (pv.powerW(day.plus(Duration.ofMinutes(m))) > 0) {
                last = m;
                if (first < 0) {
                    first = m;
                }
            }
        }
        return (first + last) / 2.0;
    }
}
