package org.hausmeter.charging.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hausmeter.charging.power.PowerPlanner.Building;
import org.hausmeter.charging.power.PowerPlanner.Charger;
import org.hausmeter.charging.power.PowerPlanner.Decision;
import org.hausmeter.charging.power.PowerPlanner.Memory;
import org.hausmeter.charging.power.PowerPlanner.Plan;
import org.hausmeter.charging.power.PowerPlanner.Reason;
import org.hausmeter.charging.power.PowerPlanner.Settings;
import org.junit.jupiter.api.Test;

class PowerPlannerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T16:00:00Z");
    private static final Settings S = Settings.defaults();

    private static Charger car(String id, ChargeMode mode, int phases) {
        return new Charger(id, true, true, mode, phases, 16, 0);
    }

    @Test
    void threeCarsAt18h_shareTheCircuitFairly_andNeverExceedIt() {
        Settings s = new Settings(
                230, 6, 32, 0, 4200, 1, 1, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2));
        List<Charger> cars = List.of(
                car("ch-1", ChargeMode.FAST, 3), car("ch-2", ChargeMode.FAST, 3), car("ch-3", ChargeMode.FAST, 3));
        Plan p = PowerPlanner.plan(s, new Building(0, 3000, false), cars, Map.of(), false, T0);
        // 32 A per phase for three cars wanting 16 A each: 11 + 11 + 10
        assertThat(p.totalAmps()).isEqualTo(32);
        assertThat(p.decisions()).extracting(Decision::amps).containsExactly(11, 11, 10);
        assertThat(p.decisions()).extracting(Decision::reason).containsOnly(Reason.BUILDING_LIMIT);
    }

    @Test
    void aFourthAndFifthCar_doNotFitAtTheMinimum_andWait() {
        Settings s = new Settings(
                230, 6, 20, 0, 4200, 1, 1, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2));
        List<Charger> cars = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            cars.add(car("ch-" + i, ChargeMode.FAST, 3));
        }
        Plan p = PowerPlanner.plan(s, new Building(0, 0, false), cars, Map.of(), false, T0);
        assertThat(p.decisions()).extracting(Decision::amps).containsExactly(7, 7, 6, 0);
        assertThat(p.of("ch-4").orElseThrow().reason()).isEqualTo(Reason.BUILDING_LIMIT);
    }

    @Test
    void surplusIsSplitAmongSolarChargers_solarOnlyPausesBelowSixAmps_solarPlusMinKeepsSix() {
        List<Charger> cars = List.of(car("a", ChargeMode.SOLAR_ONLY, 1), car("b", ChargeMode.SOLAR_ONLY, 1));
        // 4.6 kW exported: 2.3 kW each = 10 A on one phase
        Plan p = PowerPlanner.plan(S, new Building(6000, -4600, false), cars, Map.of(), false, T0);
        assertThat(p.decisions()).extracting(Decision::amps).containsExactly(10, 10);
        assertThat(p.decisions()).extracting(Decision::reason).containsOnly(Reason.SOLAR_SURPLUS);
        // 2 kW exported: 1 kW each = 4 A: SOLAR_ONLY waits, SOLAR_PLUS_MIN takes 6 A
        List<Charger> mixed = List.of(car("a", ChargeMode.SOLAR_ONLY, 1), car("b", ChargeMode.SOLAR_PLUS_MIN, 1));
        Plan q = PowerPlanner.plan(S, new Building(3000, -2000, false), mixed, Map.of(), false, T0);
        assertThat(q.of("a").orElseThrow().amps()).isZero();
        assertThat(q.of("a").orElseThrow().reason()).isEqualTo(Reason.SOLAR_WAITING);
        assertThat(q.of("b").orElseThrow().amps()).isEqualTo(6);
        assertThat(q.of("b").orElseThrow().reason()).isEqualTo(Reason.SOLAR_MINIMUM);
    }

    @Test
    void theChargersOwnDrawCountsAsSurplus() {
        // a charger drawing 2.3 kW while the building still exports 230 W: surplus 2.53 kW = 11 A
        Charger a = new Charger("a", true, true, ChargeMode.SOLAR_ONLY, 1, 16, 2300);
        Plan p = PowerPlanner.plan(
                S,
                new Building(5000, -230, false),
                List.of(a),
                Map.of("a", new Memory(10, T0.minusSeconds(3600), null)),
                false,
                T0);
        assertThat(p.of("a").orElseThrow().amps()).isEqualTo(11);
    }

    @Test
    void dimming14a_capsAllChargersToGether_at4200W() {
        List<Charger> cars = List.of(
                car("ch-1", ChargeMode.FAST, 3),
                car("ch-2", ChargeMode.FAST, 1),
                car("ch-3", ChargeMode.SOLAR_PLUS_MIN, 1));
        Plan p = PowerPlanner.plan(S, new Building(0, 0, false), cars, Map.of(), true, T0);
        assertThat(p.totalW(230)).isLessThanOrEqualTo(4200);
        // 3 x 6 A x 230 V = 4140 W fits; nothing else does
        assertThat(p.of("ch-1").orElseThrow().amps()).isEqualTo(6);
        assertThat(p.of("ch-2").orElseThrow().amps()).isZero();
        assertThat(p.of("ch-2").orElseThrow().reason()).isEqualTo(Reason.DIMMED_14A);
        assertThat(p.of("ch-1").orElseThrow().reason()).isEqualTo(Reason.DIMMED_14A);
        // one-phase cars only: 4200 / 230 = 18 A in total
        List<Charger> single = List.of(car("x", ChargeMode.FAST, 1), car("y", ChargeMode.FAST, 1));
        Plan q = PowerPlanner.plan(S, new Building(0, 0, false), single, Map.of(), true, T0);
        assertThat(q.decisions()).extracting(Decision::amps).containsExactly(9, 9);
    }

    @Test
    void noSessionOrUnpluggedMeansZero() {
        List<Charger> cars = List.of(
                new Charger("a", false, true, ChargeMode.FAST, 3, 16, 0),
                new Charger("b", true, false, ChargeMode.FAST, 3, 16, 0));
        Plan p = PowerPlanner.plan(S, new Building(0, 0, false), cars, Map.of(), false, T0);
        assertThat(p.decisions()).extracting(Decision::reason).containsExactly(Reason.NO_SESSION, Reason.UNPLUGGED);
        assertThat(p.totalAmps()).isZero();
    }

    @Test
    void hysteresis_cloudPassing_doesNotToggleTheRelay() {
        Charger a = car("a", ChargeMode.SOLAR_ONLY, 1);
        Map<String, Memory> mem = new HashMap<>();
        Instant t = T0;
        // sun: starts (share 10 A)
        Decision d = step(a, new Building(5000, -2300, false), mem, t);
        assertThat(d.amps()).isEqualTo(10);
        // a cloud for 90 s: share 0; the charger holds 6 A (stop delay 2 min, min on 5 min)
        for (int i = 1; i <= 9; i++) {
            t = t.plusSeconds(10);
            d = step(a, new Building(200, 1000, false), mem, t);
            assertThat(d.amps()).as("at +%d s", i * 10).isEqualTo(6);
            assertThat(d.reason()).isEqualTo(Reason.HOLD_MIN_ON);
        }
        // sun back: follows the surplus again, never switched off
        t = t.plusSeconds(10);
        d = step(a, new Building(5000, -2300, false), mem, t);
        assertThat(d.amps()).isEqualTo(10);
        // a long cloud: off only after min on (5 min since start) and 2 min low
        Instant lowFrom = t.plusSeconds(10);
        t = lowFrom;
        while (true) {
            d = step(a, new Building(200, 1000, false), mem, t);
            if (d.amps() == 0) {
                break;
            }
            t = t.plusSeconds(10);
        }
        assertThat(Duration.between(lowFrom, t)).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        Instant off = t;
        // the sun returns 1 min later: it stays off until min off (5 min) has passed
        t = t.plusSeconds(60);
        d = step(a, new Building(5000, -4000, false), mem, t);
        assertThat(d.amps()).isZero();
        assertThat(d.reason()).isEqualTo(Reason.HOLD_MIN_OFF);
        t = off.plus(Duration.ofMinutes(5));
        d = step(a, new Building(5000, -4000, false), mem, t);
        assertThat(d.amps()).isEqualTo(16);
    }

    @Test
    void justAboveTheMinimum_doesNotStartAPausedCharger_theStartMarginHolds() {
        Charger a = car("a", ChargeMode.SOLAR_ONLY, 1);
        // 6 A worth of surplus exactly: below minimum + margin (7 A)
        Plan p = PowerPlanner.plan(S, new Building(3000, -1400, false), List.of(a), Map.of(), false, T0);
        assertThat(p.of("a").orElseThrow().amps()).isZero();
        Plan q = PowerPlanner.plan(S, new Building(3000, -1620, false), List.of(a), Map.of(), false, T0);
        assertThat(q.of("a").orElseThrow().amps()).isEqualTo(7);
    }

    @Test
    void staleLiveValues_countAsNoSurplus() {
        List<Charger> cars = List.of(car("a", ChargeMode.SOLAR_ONLY, 1), car("b", ChargeMode.SOLAR_PLUS_MIN, 3));
        Plan p = PowerPlanner.plan(S, new Building(9000, -9000, true), cars, Map.of(), false, T0);
        assertThat(p.of("a").orElseThrow().amps()).isZero();
        assertThat(p.of("b").orElseThrow().amps()).isEqualTo(6);
    }

    private static Decision step(Charger c, Building b, Map<String, Memory> mem, Instant t) {
        Decision d =
                PowerPlanner.plan(S, b, List.of(c), mem, false, t).of(c.id()).orElseThrow();
        mem.put(c.id(), d.memory());
        return d;
    }

    /**
     * Random buildings, chargers and sequences of runs 10 s apart: the limits hold in every run, a charger is
     * either off or at 6..its maximum, and a charger switches on or off only as the minimum times allow, unless
     * a hard limit or the end of its session forced it off.
     */
    @Test
    void randomRuns_keepLimitsMinimumAndHysteresis() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random rnd = new Random(seed);
            Settings s = new Settings(
                    230,
                    6,
                    6 + rnd.nextInt(60),
                    rnd.nextBoolean() ? 0 : 1000 + rnd.nextInt(40_000),
                    4200,
                    rnd.nextInt(3),
                    1 + rnd.nextInt(2),
                    Duration.ofSeconds(30 + rnd.nextInt(600)),
                    Duration.ofSeconds(30 + rnd.nextInt(600)),
                    Duration.ofSeconds(rnd.nextInt(300)));
            int n = 1 + rnd.nextInt(8);
            List<Charger> cars = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cars.add(randomCharger(rnd, "c" + i));
            }
            Map<String, Memory> mem = new HashMap<>();
            Map<String, Instant> lastSwitch = new HashMap<>();
            Instant t = T0;
            for (int run = 0; run < 60; run++) {
                String ctx = "seed [" + seed + "] run [" + run + "]";
                if (rnd.nextInt(10) == 0) {
                    int i = rnd.nextInt(n);
                    cars.set(i, randomCharger(rnd, "c" + i));
                }
                boolean dimmed = rnd.nextInt(5) == 0;
                List<Charger> now = new ArrayList<>();
                for (Charger c : cars) {
                    long draw = (long) mem.getOrDefault(c.id(), Memory.NONE).amps() * c.phases() * 230;
                    now.add(new Charger(c.id(), c.session(), c.plugged(), c.mode(), c.phases(), c.maxA(), draw));
                }
                Building b = new Building(rnd.nextInt(30_000), rnd.nextInt(40_000) - 25_000, rnd.nextInt(20) == 0);
                Plan p = PowerPlanner.plan(s, b, now, mem, dimmed, t);
                assertThat(p.totalAmps()).as(ctx + " circuit A").isLessThanOrEqualTo(s.circuitA());
                if (s.circuitW() > 0) {
                    assertThat(p.totalW(230)).as(ctx + " circuit W").isLessThanOrEqualTo(s.circuitW());
                }
                if (dimmed) {
                    assertThat(p.totalW(230)).as(ctx + " § 14a").isLessThanOrEqualTo(s.dimmedW());
                }
                for (int i = 0; i < n; i++) {
                    Charger c = now.get(i);
                    Decision d = p.decisions().get(i);
                    assertThat(d.chargerId()).isEqualTo(c.id());
                    if (d.amps() != 0) {
                        assertThat(d.amps()).as(ctx + " " + c).isBetween(s.minA(), c.maxA());
                        assertThat(c.session() && c.plugged()).as(ctx).isTrue();
                    }
                    Memory before = mem.getOrDefault(c.id(), Memory.NONE);
                    boolean switched = (d.amps() > 0) != (before.amps() > 0);
                    if (switched) {
                        Instant last = lastSwitch.get(c.id());
                        boolean forced = d.amps() == 0
                                && (d.reason() == Reason.BUILDING_LIMIT
                                        || d.reason() == Reason.DIMMED_14A
                                        || d.reason() == Reason.NO_SESSION
                                        || d.reason() == Reason.UNPLUGGED);
                        boolean solarOnly = c.mode() == ChargeMode.SOLAR_ONLY;
                        if (last != null && !forced && solarOnly) {
                            Duration min = d.amps() > 0 ? s.minOff() : s.minOn();
                            assertThat(Duration.between(last, t))
                                    .as(ctx + " hysteresis " + c)
                                    .isGreaterThanOrEqualTo(min);
                        }
                        if (solarOnly && d.amps() == 0 && !forced) {
                            assertThat(d.reason()).as(ctx).isEqualTo(Reason.SOLAR_WAITING);
                        }
                        lastSwitch.put(c.id(), t);
                    }
                    mem.put(c.id(), d.memory());
                }
                t = t.plusSeconds(10);
            }
        }
    }

    private static Charger randomCharger(Random rnd, String id) {
        ChargeMode mode = ChargeMode.values()[rnd.nextInt(3)];
        return new Charger(
                id, rnd.nextInt(6) != 0, rnd.nextInt(8) != 0, mode, rnd.nextBoolean() ? 1 : 3, 6 + rnd.nextInt(27), 0);
    }
}
