package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Counters are exact: energies over [a, b) telescope to the Wh and never go negative. */
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

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, TWO_YEARS_MS)
                .map(ms -> TestBuilding.EPOCH.plusMillis(ms));
    }

    @Property(tries = 500)
    void energy_isAdditive_toTheWh(@ForAll("instants") Instant x, @ForAll("instants") Instant y,
            @ForAll("instants") Instant z, @ForAll @IntRange(min = 0, max = 16) int meter) {
        List<Instant> sorted = java.util.stream.Stream.of(x, y, z).sorted().toList();
        Instant a = sorted.get(0);
        Instant b = sorted.get(1);
        Instant c = sorted.get(2);
        PowerProfile p = METERS.get(meter);

        assertThat(p.energyWh(a, c)).isEqualTo(p.energyWh(a, b) + p.energyWh(b, c));
        assertThat(p.energyWh(a, b)).isNotNegative();
        assertThat(p.counterMj(b)).isBetween(p.counterMj(a), p.counterMj(c));
    }

    @Property(tries = 300)
    void energy_isAdditive_atMillisecondNeighbours(@ForAll("instants") Instant a,
            @ForAll @LongRange(min = 1, max = 120_000) long gapMs, @ForAll @IntRange(min = 0, max = 16) int meter) {
        PowerProfile p = METERS.get(meter);
        Instant b = a.plusMillis(gapMs);
        Instant c = b.plusMillis(1);

        assertThat(p.energyWh(a, c)).isEqualTo(p.energyWh(a, b) + p.energyWh(b, c));
        assertThat(p.counterMj(c) - p.counterMj(b)).isEqualTo(p.powerW(b));
    }

    @Property(tries = 200)
    void counter_insideAStep_risesByPowerPerMillisecond(@ForAll @LongRange(min = 0, max = 1_000_000) long step,
            @ForAll @LongRange(min = 0, max = 59_999) long intoMs, @ForAll @IntRange(min = 0, max = 15) int meter) {
        PowerProfile p = METERS.get(meter);
        Instant start = BUILDING.grid.stepStart(step);

        assertThat(p.counterMj(start.plusMillis(intoMs)) - p.counterMj(start))
                .isEqualTo(p.powerW(start) * intoMs);
        assertThat(p.powerW(start.plusMillis(intoMs))).isEqualTo(p.powerW(start));
    }

    @Property(tries = 20)
    void counter_doesNotDependOnQueryOrder(@ForAll("instants") Instant t, @ForAll @IntRange(min = 0, max = 15) int meter) {
        TestBuilding fresh = new TestBuilding(7);
        PowerProfile direct = fresh.meters().get(meter);

        assertThat(direct.counterMj(t)).isEqualTo(METERS.get(meter).counterMj(t));
    }
}
