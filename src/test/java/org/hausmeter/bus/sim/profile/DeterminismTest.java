package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and inputs give the same values, whatever the instance or the order of queries. */
class DeterminismTest {

    private static List<Long> sample(PowerProfile p, boolean backwards) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int j = backwards ? 199 - i : i;
            Instant t = TestBuilding.EPOCH.plus(Duration.ofMinutes(2_617L * j + 7));
            out.add(p.counterMj(t));
            out.add(p.powerW(t));
        }
        if (backwards) {
            List<Long> ordered = new ArrayList<>();
            for (int i = 199; i >= 0; i--) {
                ordered.add(out.get(2 * i));
                ordered.add(out.get(2 * i + 1));
            }
            return ordered;
        }
        return out;
    }

    @Test
    void sameSeed_sameCountersAndPowers_inAnyQueryOrder() {
        List<PowerProfile> a = new TestBuilding(3).meters();
        List<PowerProfile> b = new TestBuilding(3).meters();

        for (int m = 0; m < a.size(); m++) {
            assertThat(sample(b.get(m), true)).as("meter %d", m).isEqualTo(sample(a.get(m), false));
        }
    }

    @Test
    void differentSeeds_differentApartments() {
        SimGrid grid = SimGrid.minutes(TestBuilding.EPOCH);
        ApartmentLoad one = new ApartmentLoad(grid, TestBuilding.BERLIN, 1);
        ApartmentLoad two = new ApartmentLoad(grid, TestBuilding.BERLIN, 2);

        assertThat(sample(one, false)).isNotEqualTo(sample(two, false));
        assertThat(one.energyWh(TestBuilding.EPOCH, TestBuilding.EPOCH.plus(Duration.ofDays(30))))
                .isNotEqualTo(two.energyWh(TestBuilding.EPOCH, TestBuilding.EPOCH.plus(Duration.ofDays(30))));
    }

    @Test
    void differentSeeds_differentWeather() {
        SimGrid grid = SimGrid.minutes(TestBuilding.EPOCH);
        Instant june = Instant.parse("2025-06-01T00:00:00Z");
        Instant july = Instant.parse("2025-07-01T00:00:00Z");

        assertThat(new PvProduction(grid, TestBuilding.BERLIN_ROOF, 1).energyWh(june, july))
                .isNotEqualTo(new PvProduction(grid, TestBuilding.BERLIN_ROOF, 2).energyWh(june, july));
    }

    @Test
    void noise_isPureFunctionOfSeedSaltAndIndex() {
        assertThat(Noise.hash(1, 2, 3)).isEqualTo(Noise.hash(1, 2, 3)).isNotEqualTo(Noise.hash(1, 2, 4));
        assertThat(Noise.unit(5, 6, 7)).isEqualTo(Noise.unit(5, 6, 7)).isBetween(0.0, 1.0);
        assertThat(Noise.smooth(5, 6, 7.0)).isEqualTo(Noise.unit(5, 6, 7));
        assertThat(Noise.smooth(5, 6, 7.5))
                .isBetween(
                        Math.min(Noise.unit(5, 6, 7), Noise.unit(5, 6, 8)),
                        Math.max(Noise.unit(5, 6, 7), Noise.unit(5, 6, 8)));
    }
}
