package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The shared battery's dispatch over a run of quarter hours, in whole Wh on primitive arrays (no object is made
 * per quarter hour). Rule, per quarter hour t, with PV production P and building consumption C:
 *
 * <ul>
 *   <li>P &gt; C (surplus): the battery charges min(P − C, charge power × ¼ h, what still fits); the rest is fed in.
 *       The round-trip loss is taken when charging: stored = ⌊in × η⌋.
 *   <li>P &lt; C (deficit): the battery discharges min(C − P, discharge power × ¼ h, SoC − minimum); the rest is
 *       imported from the grid.
 *   <li>Then the standby loss (W × ¼ h, accumulated in mWh so fractions are not lost) is taken from the stored energy
 *       down to the minimum SoC; below it the battery is asleep and loses nothing more.
 * </ul>
 *
 * It never charges from the grid and never charges and discharges in the same quarter hour; it starts at the
 * minimum SoC. So P + out + import = C + in + feedIn holds exactly in every quarter hour.
 */
public final class BatteryDispatch {

    private static final long PPM = 1_000_000L;

    /** Whole-number parameters of a battery (Wh per quarter hour, parts per million, mWh). */
    public record Params(
            long capacityWh,
            long minSocWh,
            long chargeWh,
            long dischargeWh,
            long efficiencyPpm,
            long standbyMilliWhPerQuarter) {

        /** @return the integer parameters of a battery: capacity and powers rounded down to whole Wh */
        public static Params of(Scenario.Battery b) {
            long cap = b.capacityKwh()
                    .movePointRight(3)
                    .setScale(0, RoundingMode.DOWN)
                    .longValueExact();
            long min = b.minSoc()
                    .multiply(BigDecimal.valueOf(cap))
                    .setScale(0, RoundingMode.CEILING)
                    .longValueExact();
            long ch = b.chargeKw()
                    .movePointRight(3)
                    .divide(BigDecimal.valueOf(4), 0, RoundingMode.DOWN)
                    .longValueExact();
            long dis = b.dischargeKw()
                    .movePointRight(3)
                    .divide(BigDecimal.valueOf(4), 0, RoundingMode.DOWN)
                    .longValueExact();
            long eff = b.roundTripEfficiency()
                    .movePointRight(6)
                    .setScale(0, RoundingMode.DOWN)
                    .longValueExact();
            long standby = b.standbyW()
                    .movePointRight(3)
                    .divide(BigDecimal.valueOf(4), 0, RoundingMode.DOWN)
                    .longValueExact();
            if (eff <= 0) {
                throw new IllegalArgumentException("battery.roundTripEfficiency is below 1 ppm");
            }
            return new Params(cap, min, ch, dis, eff, standby);
        }
    }

    /**
     * The flows of a run; arrays are filled by {@link #run}.
     *
     * @param in       charged per quarter hour (from PV surplus)
     * @param out      discharged per quarter hour
     * @param socWh    stored energy at the end of each quarter hour
     * @param importWh grid import per quarter hour
     * @param feedInWh feed-in per quarter hour
     */
    public record Flows(long[] in, long[] out, long[] socWh, long[] importWh, long[] feedInWh) {
        public static Flows of(int n) {
            return new Flows(new long[n], new long[n], new long[n], new long[n], new long[n]);
        }
    }

    /**
     * Losses of a run.
     *
     * @param chargingWh lost when charging (round-trip efficiency)
     * @param standbyWh  lost in standby
     */
    public record Losses(long chargingWh, long standbyWh) {
        public long totalWh() {
            return chargingWh + standbyWh;
        }
    }

    private BatteryDispatch() {}

    /**
     * Runs the dispatch.
     *
     * @param pv          PV production per quarter hour
     * @param consumption building consumption per quarter hour
     * @param p           the battery, or null for none (then in = out = 0)
     * @param flows       filled in
     * @return the losses
     */
    public static Losses run(long[] pv, long[] consumption, Params p, Flows flows) {
        int n = pv.length;
        if (consumption.length != n || flows.in().length != n) {
            throw new IllegalArgumentException("PV, consumption and flows differ in length");
        }
        long[] in = flows.in();
        long[] out = flows.out();
        long[] soc = flows.socWh();
        long[] imp = flows.importWh();
        long[] feed = flows.feedInWh();
        long s = p == null ? 0 : p.minSocWh();
        long chargingLoss = 0;
        long standbyLoss = 0;
        long standbyDue = 0;
        for (int t = 0; t < n; t++) {
            long balance = pv[t] - consumption[t];
            long i = 0;
            long o = 0;
            if (p != null) {
                if (balance > 0) {
                    // the most Wh whose stored part ⌊in × η⌋ still fits: ((room + 1) × 10^6 − 1) / η
                    long room = p.capacityWh() - s;
                    long fits = Math.multiplyHigh(room + 1, PPM) == 0
                            ? ((room + 1) * PPM - 1) / p.efficiencyPpm()
                            : Long.MAX_VALUE;
                    i = Math.min(balance, Math.min(p.chargeWh(), fits));
                    long stored = Math.multiplyHigh(i, p.efficiencyPpm()) == 0
                            ? i * p.efficiencyPpm() / PPM
                            : java.math.BigInteger.valueOf(i)
                                    .multiply(java.math.BigInteger.valueOf(p.efficiencyPpm()))
                                    .divide(java.math.BigInteger.valueOf(PPM))
                                    .longValueExact();
                    s += stored;
                    chargingLoss += i - stored;
                } else if (balance < 0) {
                    o = Math.min(-balance, Math.min(p.dischargeWh(), s - p.minSocWh()));
                    o = Math.max(o, 0);
                    s -= o;
                }
                standbyDue += p.standbyMilliWhPerQuarter();
                long whole = standbyDue / 1000;
                if (whole > 0) {
                    long taken = Math.min(whole, Math.max(0, s - p.minSocWh()));
                    s -= taken;
                    standbyLoss += taken;
                    standbyDue -= whole * 1000;
                }
            }
            in[t] = i;
            out[t] = o;
            soc[t] = s;
            if (balance >= 0) {
                imp[t] = 0;
                feed[t] = balance - i;
            } else {
                imp[t] = -balance - o;
                feed[t] = 0;
            }
        }
        return new Losses(chargingLoss, standbyLoss);
    }
}
