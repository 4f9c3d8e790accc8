package org.hausmeter.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.junit.jupiter.api.Test;

/**
 * Properties of the scenario's quarter hours on seeded random buildings and random batteries (the seed is in
 * every failure message): energy balance per quarter hour, SoC within its bounds, never charging and discharging
 * in the same quarter hour, power limits, EV energy moved only within a session and kept whole.
 */
class ScenarioPropertyTest {

    @Test
    void dispatch_onRandomQuarterHours_balancesEveryQuarterHour_andKeepsTheSocInBounds() {
        for (long seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(3000);
            long[] pv = new long[n];
            long[] cons = new long[n];
            for (int t = 0; t < n; t++) {
                pv[t] = r.nextInt(5) == 0 ? 0 : r.nextInt(20_000);
                cons[t] = r.nextInt(10) == 0 ? 0 : r.nextInt(15_000);
            }
            Scenario.Battery b = RandomYears.battery(r);
            BatteryDispatch.Params p = BatteryDispatch.Params.of(b);
            BatteryDispatch.Flows f = BatteryDispatch.Flows.of(n);
            BatteryDispatch.Losses losses = BatteryDispatch.run(pv, cons, p, f);
            checkFlows("seed " + seed, pv, cons, p, f);
            long in = 0;
            long out = 0;
            for (int t = 0; t < n; t++) {
                in += f.in()[t];
                out += f.out()[t];
            }
            // stored energy at the end = start + charged − discharged − losses
            assertThat(f.socWh()[n - 1]).as("seed %d", seed).isEqualTo(p.minSocWh() + in - out - losses.totalWh());
        }
    }

    @Test
    void scenario_onRandomYears_balancesEveryQuarterHour_andMovesEvEnergyOnlyWithinSessions() {
        AllocationKey[] keys = AllocationKey.values();
        for (long seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            YearMonth first = YearMonth.of(2024 + r.nextInt(3), 1 + r.nextInt(12));
            ScenarioYear year =
                    RandomYears.year(seed, first, 1 + r.nextInt(3), 2 + r.nextInt(5), keys[r.nextInt(keys.length)]);
            Scenario sc = new Scenario(
                    "random " + seed,
                    new Scenario.Pv(
                            new BigDecimal("9.9"),
                            List.of(
                                    new Scenario.PvAddition(BigDecimal.valueOf(r.nextInt(20)), 0),
                                    new Scenario.PvAddition(new BigDecimal("4.5"), r.nextInt(9) - 4))),
                    RandomYears.battery(r),
                    r.nextBoolean() ? null : keys[r.nextInt(keys.length)],
                    true,
                    null,
                    null);
            ScenarioEngine.Replay rp = ScenarioEngine.replay(year, sc);
            BatteryDispatch.Params p = rp.battery();
            checkFlows("seed " + seed, rp.pvWh(), rp.consumptionWh(), p, rp.flows());
            int n = rp.pvWh().length;
            // the consumption is the consumers' (the charger's as moved), and each session keeps its energy
            long[] original = new long[n];
            long[] charger = new long[n];
            for (int m = 0; m < year.months().size(); m++) {
                for (var k : year.months().get(m).input().consumers()) {
                    for (int t = 0; t < k.importWh().length; t++) {
                        original[rp.offsets()[m] + t] += k.importWh()[t];
                        if (k.kind() == Kind.CHARGER) {
                            charger[rp.offsets()[m] + t] = k.importWh()[t];
                        }
                    }
                }
            }
            long[] moved = rp.chargers().get("ch-1");
            long before = 0;
            long after = 0;
            for (int t = 0; t < n; t++) {
                assertThat(rp.consumptionWh()[t] - moved[t])
                        .as("seed %d t %d", seed, t)
                        .isEqualTo(original[t] - charger[t]);
                before += charger[t];
                after += moved[t];
                assertThat(rp.localWh()[t])
                        .isEqualTo(
                                rp.pvWh()[t] - rp.flows().in()[t] + rp.flows().out()[t]);
            }
            assertThat(after).as("seed %d", seed).isEqualTo(before);
            assertThat(rp.shiftedSessions())
                    .as("seed %d: sessions plugged in for hours move", seed)
                    .isPositive();

            ScenarioResult res = ScenarioEngine.run(year, sc, null);
            ScenarioResult.Energy e = res.energy();
            assertThat(e.pvWh() + e.batteryOutWh() + e.gridImportWh())
                    .as("seed %d", seed)
                    .isEqualTo(e.consumptionWh() + e.batteryInWh() + e.feedInWh());
            assertThat(e.allocatedWh()).isLessThanOrEqualTo(e.pvWh() - e.batteryInWh() + e.batteryOutWh());
            long monthly = res.months().stream()
                    .mapToLong(ScenarioResult.Month::gridImportWh)
                    .sum();
            assertThat(monthly).isEqualTo(e.gridImportWh());
        }
    }

    static void checkFlows(String what, long[] pv, long[] cons, BatteryDispatch.Params p, BatteryDispatch.Flows f) {
        long prev = p == null ? 0 : p.minSocWh();
        for (int t = 0; t < pv.length; t++) {
            long in = f.in()[t];
            long out = f.out()[t];
            String at = what + " t " + t;
            assertThat(pv[t] + out + f.importWh()[t]).as(at).isEqualTo(cons[t] + in + f.feedInWh()[t]);
            assertThat(in == 0 || out == 0).as(at + ": charged and discharged").isTrue();
            assertThat(in).as(at).isBetween(0L, p == null ? 0 : p.chargeWh());
            assertThat(out).as(at).isBetween(0L, p == null ? 0 : p.dischargeWh());
            assertThat(f.importWh()[t]).as(at).isNotNegative();
            assertThat(f.feedInWh()[t]).as(at).isNotNegative();
            assertThat(in <= Math.max(0, pv[t] - cons[t]))
                    .as(at + ": charged from the grid")
                    .isTrue();
            assertThat(out <= Math.max(0, cons[t] - pv[t]))
                    .as(at + ": discharged into the grid")
                    .isTrue();
            if (p != null) {
                assertThat(f.socWh()[t]).as(at).isBetween(p.minSocWh(), p.capacityWh());
                assertThat(f.socWh()[t]).as(at).isLessThanOrEqualTo(prev + in);
                // nothing wasted: a surplus not charged means the battery is full or at its power limit
                if (pv[t] > cons[t] && in < pv[t] - cons[t] && in < p.chargeWh()) {
                    long room = p.capacityWh() - prev;
                    assertThat((in + 1) * p.efficiencyPpm() / 1_000_000).as(at).isGreaterThan(room);
                }
                prev = f.socWh()[t];
            }
        }
    }
}
