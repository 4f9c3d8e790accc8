package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The derived GRID meter keeps the building's energy balance exact in Wh. */
class BuildingEnergyTest {

    private static final TestBuilding BUILDING = new TestBuilding(5);
    private static final BuildingEnergy GRID = BUILDING.energy();

    private static long consumptionWh(Instant t) {
        return BUILDING.consumers.stream().mapToLong(p -> p.counterWh(t)).sum();
    }

    @Test
    void balance_isExact_atEveryQuarterHourOfAYear() {
        GridReading prev = GRID.counters(TestBuilding.EPOCH);
        long prevNet = GRID.netWh(TestBuilding.EPOCH);
        assertThat(prev).isEqualTo(new GridReading(0, 0));
        for (Instant t = TestBuilding.EPOCH.plusSeconds(900);
                !t.isAfter(TestBuilding.YEAR_END);
                t = t.plusSeconds(900)) {
            GridReading now = GRID.counters(t);
            long net = GRID.netWh(t);
            assertThat(now.importWh()).isGreaterThanOrEqualTo(prev.importWh());
            assertThat(now.exportWh()).isGreaterThanOrEqualTo(prev.exportWh());
            assertThat((now.importWh() - prev.importWh()) - (now.exportWh() - prev.exportWh()))
                    .as("balance at %s", t)
                    .isEqualTo(net - prevNet);
            prev = now;
            prevNet = net;
        }
        GridReading year = GRID.counters(TestBuilding.YEAR_END);
        long consumption = consumptionWh(TestBuilding.YEAR_END);
        long pv = BUILDING.pv.counterWh(TestBuilding.YEAR_END);
        assertThat(year.importWh() - year.exportWh()).isEqualTo(consumption - pv);
        // 30 kWp against ~12 apartments: both directions are substantial
        assertThat(year.importWh()).isBetween(consumption / 3, consumption);
        assertThat(year.exportWh()).isBetween(pv / 10, pv);
    }

    @Test
    void balance_isExact_betweenAnyStepBoundaries() {
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            long k1 = r.nextInt(525_601);
            long k2 = r.nextInt(525_601);
            Instant a = BUILDING.grid.stepStart(Math.min(k1, k2));
            Instant b = BUILDING.grid.stepStart(Math.max(k1, k2));
            GridReading ra = GRID.counters(a);
            GridReading rb = GRID.counters(b);
            String why = "case " + i + ": steps " + k1 + ", " + k2;

            long consumption = consumptionWh(b) - consumptionWh(a);
            long pv = BUILDING.pv.counterWh(b) - BUILDING.pv.counterWh(a);
            assertThat((rb.importWh() - ra.importWh()) - (rb.exportWh() - ra.exportWh()))
                    .as(why)
                    .isEqualTo(consumption - pv);
            assertThat(rb.importWh()).as(why).isGreaterThanOrEqualTo(ra.importWh());
            assertThat(rb.exportWh()).as(why).isGreaterThanOrEqualTo(ra.exportWh());
        }
    }

    @Test
    void night_imports_sunnyNoon_exports() {
        Instant night = Instant.parse("2025-07-02T00:00:00Z");
        GridReading a = GRID.counters(night);
        GridReading b = GRID.counters(night.plus(Duration.ofHours(2)));
        assertThat(GRID.powerW(night)).isPositive();
        assertThat(b.importWh() - a.importWh()).isPositive();
        assertThat(b.exportWh()).isEqualTo(a.exportWh());

        int exportingNoons = 0;
        for (int day = 1; day <= 30; day++) {
            Instant noon = Instant.parse(String.format("2025-06-%02dT10:00:00Z", day));
            if (GRID.exportWh(noon.plus(Duration.ofHours(2))) > GRID.exportWh(noon)) {
                exportingNoons++;
            }
        }
        assertThat(exportingNoons).isGreaterThan(20);
    }

    @Test
    void liveCharger_newSession_isReflected_notHiddenByTheMemo() {
        TestBuilding b = new TestBuilding(6);
        Instant liveFrom = Instant.parse("2025-03-01T00:00:00Z");
        LiveChargerLoad live = new LiveChargerLoad(new ConstantLoad(b.grid, 0), liveFrom);
        List<PowerProfile> consumers = new ArrayList<>(b.consumers);
        consumers.add(live);
        BuildingEnergy grid = new BuildingEnergy(b.grid, consumers, b.pv);

        Instant now = Instant.parse("2025-03-03T22:00:00Z");
        live.settle(now);
        GridReading before = grid.counters(now);
        GridReading laterIdle = grid.counters(now.plus(Duration.ofHours(2)));
        live.startSession(now, 11_000);
        live.stopSession(now.plus(Duration.ofHours(1)));
        GridReading laterCharging = grid.counters(now.plus(Duration.ofHours(2)));

        assertThat(grid.counters(now)).isEqualTo(before);
        assertThat(laterCharging.importWh() - laterIdle.importWh()).isEqualTo(11_000);
        BuildingEnergy fresh = new BuildingEnergy(b.grid, consumers, b.pv);
        assertThat(fresh.counters(now.plus(Duration.ofHours(2)))).isEqualTo(laterCharging);
    }
}
