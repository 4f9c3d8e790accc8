package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Yearly energies are realistic, and a year of quarter-hour readings is fast to generate. */
class YearlyTotalsTest {

    private static final SimGrid GRID = SimGrid.minutes(TestBuilding.EPOCH);

    private static long yearKWh(PowerProfile p) {
        return p.energyWh(TestBuilding.EPOCH, TestBuilding.YEAR_END) / 1000;
    }

    @Test
    void apartments_useBetween1500And3500KWhPerYear() {
        for (long seed = 1; seed <= 40; seed++) {
            ApartmentLoad a = new ApartmentLoad(GRID, TestBuilding.BERLIN, seed);
            assertThat(yearKWh(a)).as("apartment seed %d", seed).isBetween(1_500L, 3_500L);
        }
    }

    @Test
    void apartments_haveNightBaseLoadBetween80And200W() {
        for (long seed = 1; seed <= 40; seed++) {
            ApartmentLoad a = new ApartmentLoad(GRID, TestBuilding.BERLIN, seed);
            assertThat(a.baseLoadW()).isBetween(80L, 200L);
            // 03:00–04:00 local on a weekday in May: base load only, apart from rare appliances
            Instant night = Instant.parse("2025-05-14T01:00:00Z");
            long meanW = a.energyWh(night, night.plus(Duration.ofHours(1)));
            assertThat(meanW).as("night mean W, seed %d", seed).isBetween(60L, 250L);
        }
    }

    @Test
    void apartments_useMoreInWinterThanInSummer() {
        ApartmentLoad a = new ApartmentLoad(GRID, TestBuilding.BERLIN, 4);
        long january = a.energyWh(TestBuilding.EPOCH, Instant.parse("2025-01-31T23:00:00Z"));
        long july = a.energyWh(Instant.parse("2025-06-30T22:00:00Z"), Instant.parse("2025-07-31T22:00:00Z"));

        assertThat(january).isGreaterThan(july * 11 / 10);
    }

    @Test
    void pv_yieldsAbout1000KWhPerKWpInGermany() {
        List<PvSite> sites = List.of(
                new PvSite(52.52, 13.40, 10_000, 30, 0), // Berlin
                new PvSite(48.14, 11.58, 10_000, 30, 0), // Munich
                new PvSite(53.55, 9.99, 10_000, 35, 10), // Hamburg
                new PvSite(51.34, 12.37, 10_000, 25, -20)); // Leipzig
        for (PvSite site : sites) {
            for (long seed = 1; seed <= 3; seed++) {
                long perKWp = yearKWh(new PvProduction(GRID, site, seed)) / 10;
                assertThat(perKWp).as("%s seed %d", site, seed).isBetween(900L, 1_100L);
            }
        }
    }

    @Test
    void commonArea_isSmallAndSteady() {
        CommonArea c = new CommonArea(GRID, TestBuilding.BERLIN, 1);
        assertThat(yearKWh(c)).isBetween(800L, 3_000L);
        Instant day = Instant.parse("2025-03-12T00:00:00Z");
        for (int h = 0; h < 24; h++) {
            Instant t = day.plus(Duration.ofHours(h));
            assertThat(c.energyWh(t, t.plus(Duration.ofHours(1)))).isBetween(60L, 500L);
        }
    }

    @Test
    void charger_sessionsDraw3700To11000W_someDaysNone_andCountersMatchSessions() {
        ChargerLoad c = new ChargerLoad(GRID, TestBuilding.BERLIN, 8, 11_000);
        List<ChargingSession> sessions = c.sessions(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 12, 30));

        assertThat(sessions.size()).isBetween(80, 160);
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.powerW()).isBetween(3_700L, 11_000L);
            assertThat(s.end()).isAfter(s.taperStart());
            // step powers are exact step means, rounded to whole W: compare over whole steps
            Instant from = GRID.stepStart(GRID.stepIndex(s.start()));
            Instant to = GRID.stepStart(GRID.stepIndex(s.end()) + 1);
            assertThat(c.energyWh(from, to)).isCloseTo(s.energyWh(), Offset.offset(3L));
            assertThat(c.powerW(s.taperStart().minusSeconds(61))).isEqualTo(s.powerW());
            assertThat(c.powerW(s.end().plusSeconds(60))).isZero();
        });
        assertThat(sessions.stream().map(ChargingSession::powerW).distinct().count())
                .isGreaterThan(1);
        assertThat(yearKWh(c)).isBetween(500L, 5_000L);
    }

    /** Every counter of a year of quarter hours can be read, and none runs backwards (how fast is not timed here). */
    @Test
    void yearOfQuarterHours_for16Meters_readsEveryCounter() {
        TestBuilding b = new TestBuilding(2);
        List<PowerProfile> meters = b.meters();
        long[] previous = new long[meters.size()];
        long readings = 0;
        long checksum = 0;
        for (Instant t = TestBuilding.EPOCH; t.isBefore(TestBuilding.YEAR_END); t = t.plusSeconds(900)) {
            for (int i = 0; i < meters.size(); i++) {
                long counter = meters.get(i).counterWh(t);
                if (counter < previous[i]) {
                    throw new AssertionError("Meter " + i + " at " + t + ": counter " + counter + " < " + previous[i]);
                }
                previous[i] = counter;
                checksum += counter;
                readings++;
            }
        }

        assertThat(readings).isEqualTo(16L * 35_040);
        assertThat(checksum).isPositive();
    }
}
