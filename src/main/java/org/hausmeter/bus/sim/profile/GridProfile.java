package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.util.Arrays;

/**
 * Base of the pure profiles: power is constant on each step of a {@link SimGrid}, given by a pure
 * function of the step, so the counter is an exact integer sum.
 *
 * <p>Integration scheme: step {@code k} has integer power {@code p(k)} W, hence energy
 * {@code p(k) · stepMillis} mJ; within a step the counter rises linearly by {@code p(k)} mJ per ms.
 * The counter at {@code t} is therefore an exact {@code long} in mJ, and {@link #counterWh} its
 * floor, so energies over [a, b) are counter differences and telescope exactly.
 *
 * <p>Direct access: a step's power is a pure function of the step (no state carried from one step
 * to the next), so any step can be evaluated on its own. Block (day) totals are memoised as prefix
 * sums, so {@code counterMj(t)} is a table lookup plus a sum inside one cached block: O(1) per
 * query. The first query that reaches a block beyond the memo computes the missing block totals
 * once (30–50 µs per profile-day; a year of 16 meters ≈ 0.2 s of CPU), so the epoch should be
 * where the simulated history begins.
 */
public abstract class GridProfile implements PowerProfile {

    private final SimGrid grid;
    private final int stepsPerBlock;
    private final long stepMillis;
    private long[] blockPrefixMj = new long[64];
    private int knownPrefixes = 1;
    private long cachedBlock = -1;
    private final long[] cachedPowerW;
    private final long[] cachedCumMj;

    protected GridProfile(SimGrid grid) {
        this.grid = grid;
        this.stepsPerBlock = grid.stepsPerBlock();
        this.stepMillis = grid.stepMillis();
        this.cachedPowerW = new long[stepsPerBlock];
        this.cachedCumMj = new long[stepsPerBlock + 1];
    }

    public SimGrid grid() {
        return grid;
    }

    /**
     * Fills {@code outW[i]} with the power in W (≥ 0) of step {@code block · stepsPerBlock + i}.
     * Must be a pure function of the step.
     */
    protected abstract void blockPowerW(long block, long[] outW);

    @Override
    public synchronized long powerW(Instant t) {
        long k = grid.stepIndex(t);
        loadBlock(k / stepsPerBlock);
        return cachedPowerW[(int) (k % stepsPerBlock)];
    }

    @Override
    public synchronized long counterMj(Instant t) {
        long ms = grid.millisSinceEpoch(t);
        long k = ms / stepMillis;
        long b = k / stepsPerBlock;
        int i = (int) (k % stepsPerBlock);
        long prefix = prefixMj(b);
        loadBlock(b);
        return prefix + cachedCumMj[i] + cachedPowerW[i] * (ms - k * stepMillis);
    }

    private void loadBlock(long b) {
        if (b == cachedBlock) {
            return;
        }
        blockPowerW(b, cachedPowerW);
        long sum = 0;
        for (int i = 0; i < stepsPerBlock; i++) {
            cachedCumMj[i] = sum;
            if (cachedPowerW[i] < 0) {
                throw new IllegalStateException("negative power in block " + b + " step " + i);
            }
            sum += cachedPowerW[i] * stepMillis;
        }
        cachedCumMj[stepsPerBlock] = sum;
        cachedBlock = b;
    }

    private long prefixMj(long b) {
        if (b > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("instant too far from epoch");
        }
        long[] scratch = null;
        while (knownPrefixes <= b) {
            long done = knownPrefixes - 1;
            long total;
            if (done == cachedBlock) {
                total = cachedCumMj[stepsPerBlock];
            } else {
                if (scratch == null) {
                    scratch = new long[stepsPerBlock];
                }
                blockPowerW(done, scratch);
                total = 0;
                for (long w : scratch) {
                    if (w < 0) {
                        throw new IllegalStateException("negative power in block " + done);
                    }
                    total += w * stepMillis;
                }
            }
            if (knownPrefixes == blockPrefixMj.length) {
                blockPrefixMj = Arrays.copyOf(blockPrefixMj, blockPrefixMj.length * 2);
            }
            blockPrefixMj[knownPrefixes] = blockPrefixMj[knownPrefixes - 1] + total;
            knownPrefixes++;
        }
        return blockPrefixMj[(int) b];
    }
}
