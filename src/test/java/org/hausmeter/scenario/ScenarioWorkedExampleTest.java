package org.hausmeter.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.hausmeter.allocation.AllocationRule;
import org.hausmeter.allocation.IntervalAllocation;
import org.hausmeter.allocation.PvAllocator;
import org.junit.jupiter.api.Test;

/** The worked example of docs/scenarios.md, number by number. If one changes, both change together. */
class ScenarioWorkedExampleTest {

    static final long[] PV = {3000, 1500, 200, 0, 0, 600};
    static final long[] CONSUMPTION = {800, 1200, 1400, 900, 700, 600};

    static BatteryDispatch.Params battery() {
        return BatteryDispatch.Params.of(new Scenario.Battery(
                new BigDecimal("10"),
                new BigDecimal("4"),
                new BigDecimal("2"),
                new BigDecimal("0.90"),
                new BigDecimal("0.10"),
                new BigDecimal("10")));
    }

    @Test
    void section1_parameters() {
        assertThat(battery()).isEqualTo(new BatteryDispatch.Params(10_000, 1_000, 1_000, 500, 900_000, 2_500));
    }

    @Test
    void section2_dispatch() {
        BatteryDispatch.Flows f = BatteryDispatch.Flows.of(6);
        BatteryDispatch.Losses losses = BatteryDispatch.run(PV, CONSUMPTION, battery(), f);
        assertThat(f.in()).containsExactly(1000, 300, 0, 0, 0, 0);
        assertThat(f.out()).containsExactly(0, 0, 500, 500, 160, 0);
        assertThat(f.socWh()).containsExactly(1898, 2165, 1663, 1160, 1000, 1000);
        assertThat(f.feedInWh()).containsExactly(1200, 0, 0, 0, 0, 0);
        assertThat(f.importWh()).containsExactly(0, 0, 700, 400, 540, 0);
        assertThat(losses).isEqualTo(new BatteryDispatch.Losses(130, 10));
        ScenarioPropertyTest.checkFlows("worked example", PV, CONSUMPTION, battery(), f);
    }

    @Test
    void section3_localEnergyIsAllocatedLikePv() {
        // quarter hour 3: PV 0 + battery 500 = 500 Wh local energy for consumers of 500, 250 and 150 Wh
        IntervalAllocation a = PvAllocator.allocate(500, new long[] {500, 250, 150}, AllocationRule.dynamic());
        assertThat(a.allocatedWh()).containsExactly(278, 139, 83);
        assertThat(a.surplusWh()).isZero();
    }

    @Test
    void section4_addedPv() {
        long[] pv = new long[12];
        pv[0] = 2000;
        pv[1] = 1234;
        ScenarioEngine.addPv(
                pv, new Scenario.Pv(new BigDecimal("30"), List.of(new Scenario.PvAddition(BigDecimal.TEN, 2))));
        assertThat(pv[8]).isEqualTo(667);
        assertThat(pv[9]).isEqualTo(411);
        assertThat(pv[0]).isEqualTo(2000);
    }

    @Test
    void section5_investment() {
        BigDecimal saving = ScenarioEngine.yearlySaving(
                new BigDecimal("0.28"), 20_760_505, 13_336_827, new BigDecimal("1574.94"), new BigDecimal("906.62"), 2);
        assertThat(saving).isEqualByComparingTo("1410.31");
        BigDecimal cash = saving.subtract(new BigDecimal("120"));
        assertThat(cash).isEqualByComparingTo("1290.31");
        assertThat(Investments.simplePayback(new BigDecimal("18000"), cash)).isEqualByComparingTo("14.0");
        assertThat(Investments.npv(new BigDecimal("18000"), cash, 15, new BigDecimal("0.03"), 2))
                .isEqualByComparingTo("-2596.36");
        assertThat(Investments.irr(new BigDecimal("18000"), cash, 15)).isEqualByComparingTo("0.0092");
        // A cash flow that never pays back has no payback and no rate in range.
        assertThat(Investments.simplePayback(new BigDecimal("18000"), new BigDecimal("-5")))
                .isNull();
        assertThat(Investments.irr(new BigDecimal("18000"), new BigDecimal("-5"), 15))
                .isNull();
    }
}
