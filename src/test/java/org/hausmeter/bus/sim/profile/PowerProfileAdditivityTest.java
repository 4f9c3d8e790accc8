package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Counters are exact: energies over [a, b) telescope to the Wh and never go negative. Property tests as
 * seeded random loops (a failure names the seed and case, and reruns the same inputs).
 */
class PowerProfileAdditivityTest {

    private static final long TWO_YEARS_MS = Duration.ofDays(730).toMillis();
    private static final TestBuilding BUILDING = new TestBuilding(7);
    private static final List<PowerProfile> METERS = meters();

    private static List<PowerProfile> meters() {
        List<PowerProfile> all = BUILDING.meters();
        LiveChargerLoad live = new LiveChargerLoad(
                new ChargerLoad(BUILDING.grid, TestBuilding.BERLIN, 99, 11_000), TestBuilding.YEAR_END);
        Instant t = TestBuilding.YEAR_END.plusSeconds(1234);
        for (int i = 0; i < 200; i++) {
            live.startSession(t, 3_700 + 731L * i % 7_300);
            t = t.plusMillis(3_600_000 + 7_777L * i);
            live.setPowerW(t, 1_500);
            t = t.plusMillis(600_001);
            live.stopSession(t);
            t = t.plusSeconds(86_400);
        }
        all.add(live);
        return all;
    }

    private static Instant instant(Random r) {
        return TestBuilding.EPOCH.plusMillis(Math.floorMod(r.nextLong(), TWO_YEARS_MS + 1));
    }

    @Test
    void energy_isAdditive_toTheWh() {
        Random r = new Random(1);
        for (int i = 0; i < 500; i++) {
            List<Instant> sorted = java.util.stream.Stream.of(instant(r), instant(r), instant(r))
                    .sorted()
                    .toList();
            Instant a = sorted.get(0);
            Instant b = sorted.get(1);
            Instant c = sorted.get(2);
            PowerProfile p = METERS.get(r.nextInt(17));
            String why = "case " + i + ": " + a + ", " + b + ", " + c;

            assertThat(p.energyWh(a, c)).as(why).isEqualTo(p.energyWh(a, b) + p.energyWh(b, c));
            assertThat(p.energyWh(a, b)).as(why).isNotNegative();
            assertThat(p.counterMj(b)).as(why).isBetween(p.counterMj(a), p.counterMj(c));
        }
    }

    @Test
    void energy_isAdditive_atMillisecondNeighbours() {
        Random r = new Random(2);
        for (int i = 0; i < 300; i++) {
            PowerProfile p = METERS.get(r.nextInt(17));
            Instant a = instant(r);
            Instant b = a.plusMillis(1 + r.nextInt(120_000));
            Instant c = b.plusMillis(1);
            String why = "case " + i + ": " + a + ", " + b;

            assertThat(p.energyWh(a, c)).as(why).isEqualTo(p.energyWh(a, b) + p.energyWh(b, c));
            assertThat(p.counterMj(c) - p.counterMj(b)).as(why).isEqualTo(p.powerW(b));
        }
    }

    @Test
    void counter_insideAStep_risesByPowerPerMillisecond() {
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            PowerProfile p = METERS.get(r.nextInt(16));
            Instant start = BUILDING.grid.stepStart(r.nextInt(1_000_001));
            long intoMs = r.nextInt(60_000);
            String why = "case " + i + ": " + start + " + " + intoMs + " ms";

            assertThat(p.counterMj(start.plusMillis(intoMs)) - p.counterMj(start))
                    .as(why)
                    .isEqualTo(p.powerW(start) * intoMs);
            assertThat(p.powerW(start.plusMillis(intoMs))).as(why).isEqualTo(p.powerW(start));
        }
    }

    @Test
    void counter_doesNotDependOnQueryOrder() {
        Random r = new Random(4);
        for (int i = 0; i < 20; i++) {
            int meter = r.nextInt(16);
            Instant t = instant(r);
            TestBuilding fresh = new TestBuilding(7);
            PowerProfile direct = fresh.meters().get(meter);

            assertThat(direct.counterMj(t))
                    .as("case " + i + ": " + t)
                    .isEqualTo(METERS.get(meter).counterMj(t));
        }
    }
}
