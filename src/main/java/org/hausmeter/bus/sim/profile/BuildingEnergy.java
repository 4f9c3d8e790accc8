package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The GRID meter of a building, derived from its consumers and its PV.
 *
 * <p>Netting per grid step k = [s_k, s_k+1): with {@code net(s) = Σ consumer counterWh(s) − PV
 * counterWh(s)}, the step's net energy is {@code d_k = net(s_k+1) − net(s_k)} Wh; the step imports
 * {@code max(0, d_k)} Wh and exports {@code max(0, −d_k)} Wh. Hence for any step boundaries a ≤ b
 * (every quarter hour, when the epoch is aligned) the balance is exact in Wh:
 * {@code Δimport − Δexport == Σ Δconsumer − ΔPV}. Inside a step both counters rise linearly
 * (floored), so they never decrease.
 *
 * <p>Netting is not linear, so the counters are sums over steps: block (day) prefix sums are
 * memoised as far as every source is final ({@link PowerProfile#finalUntil()}); beyond that the
 * blocks are recomputed per query. Thread-safe.
 */
public final class BuildingEnergy {

    private final SimGrid grid;
    private final PowerProfile[] consumers;
    private final PowerProfile pv;
    private final int stepsPerBlock;
    private final long stepMillis;
    private long[] prefixImportWh = new long[64];
    private long[] prefixExportWh = new long[64];
    private int knownPrefixes = 1;
    private long cachedBlock = -1;
    private final long[] cached;
    private final long[] scratch;

    /**
     * @param grid      the grid all steps are netted on; every source must be defined from its epoch
     * @param consumers apartments, common area, chargers
     * @param pv        the PV production
     */
    public BuildingEnergy(SimGrid grid, List<? extends PowerProfile> consumers, PowerProfile pv) {
        this.grid = grid;
        this.consumers = consumers.toArray(new PowerProfile[0]);
        this.pv = pv;
        this.stepsPerBlock = grid.stepsPerBlock();
        this.stepMillis = grid.stepMillis();
        this.cached = new long[2 * stepsPerBlock + 2];
        this.scratch = new long[2 * stepsPerBlock + 2];
    }

    /** Import and export counters in Wh at {@code t}. */
    public synchronized GridReading counters(Instant t) {
        long ms = grid.millisSinceEpoch(t);
        long k = ms / stepMillis;
        long b = k / stepsPerBlock;
        int i = (int) (k % stepsPerBlock);
        long[] prefix = prefix(b);
        long[] cum = block(b);
        long into = ms - k * stepMillis;
        long stepImport = cum[i + 1] - cum[i];
        long stepExport = cum[stepsPerBlock + 1 + i + 1] - cum[stepsPerBlock + 1 + i];
        return new GridReading(
                prefix[0] + cum[i] + stepImport * into / stepMillis,
                prefix[1] + cum[stepsPerBlock + 1 + i] + stepExport * into / stepMillis);
    }

    /** Cumulative grid import in Wh at {@code t}. */
    public long importWh(Instant t) {
        return counters(t).importWh();
    }

    /** Cumulative grid export in Wh at {@code t}. */
    public long exportWh(Instant t) {
        return counters(t).exportWh();
    }

    /** Grid power in W at {@code t}: positive = import, negative = export. */
    public long powerW(Instant t) {
        long w = -pv.powerW(t);
        for (PowerProfile c : consumers) {
            w += c.powerW(t);
        }
        return w;
    }

    /** Σ consumer counters − PV counter, in Wh, at {@code t}. */
    public long netWh(Instant t) {
        long wh = -pv.counterWh(t);
        for (PowerProfile c : consumers) {
            wh += c.counterWh(t);
        }
        return wh;
    }

    private Instant finalUntil() {
        Instant f = pv.finalUntil();
        for (PowerProfile c : consumers) {
            Instant cf = c.finalUntil();
            if (cf.isBefore(f)) {
                f = cf;
            }
        }
        return f;
    }

    /** {import, export} in Wh at the start of block b. */
    private long[] prefix(long b) {
        if (b > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("instant too far from epoch");
        }
        Instant finalUntil = finalUntil();
        while (knownPrefixes <= b && !grid.blockStart(knownPrefixes).isAfter(finalUntil)) {
            long[] cum = block(knownPrefixes - 1);
            if (knownPrefixes == prefixImportWh.length) {
                prefixImportWh = Arrays.copyOf(prefixImportWh, knownPrefixes * 2);
                prefixExportWh = Arrays.copyOf(prefixExportWh, knownPrefixes * 2);
            }
            prefixImportWh[knownPrefixes] = prefixImportWh[knownPrefixes - 1] + cum[stepsPerBlock];
            prefixExportWh[knownPrefixes] = prefixExportWh[knownPrefixes - 1] + cum[2 * stepsPerBlock + 1];
            knownPrefixes++;
        }
        long imp = prefixImportWh[Math.min(knownPrefixes - 1, (int) b)];
        long exp = prefixExportWh[Math.min(knownPrefixes - 1, (int) b)];
        for (long j = knownPrefixes - 1; j < b; j++) {
            long[] cum = block(j);
            imp += cum[stepsPerBlock];
            exp += cum[2 * stepsPerBlock + 1];
        }
        return new long[] {imp, exp};
    }

    /**
     * Cumulative import (indices 0..n) and export (n+1..2n+1) in Wh at the step boundaries of block
     * b, relative to its start; cached only when the whole block is final. The returned array is
     * valid until the next call.
     */
    private long[] block(long b) {
        if (b == cachedBlock) {
            return cached;
        }
        boolean cache = !grid.blockStart(b + 1).isAfter(finalUntil());
        long[] out = cache ? cached : scratch;
        cachedBlock = -1;
        out[0] = 0;
        out[stepsPerBlock + 1] = 0;
        long first = b * stepsPerBlock;
        long prevNet = netWh(grid.stepStart(first));
        long imp = 0;
        long exp = 0;
        for (int j = 0; j < stepsPerBlock; j++) {
            long net = netWh(grid.stepStart(first + j + 1));
            long d = net - prevNet;
            prevNet = net;
            if (d > 0) {
                imp += d;
            } else {
                exp -= d;
            }
            out[j + 1] = imp;
            out[stepsPerBlock + 2 + j] = exp;
        }
        if (cache) {
            cachedBlock = b;
        }
        return out;
    }
}
