package org.hausmeter.allocation;

import java.util.Arrays;
import org.hausmeter.ledger.LargestRemainder;

/**
 * The per-quarter-hour arithmetic behind {@link PvAllocator}, with scratch arrays reused across quarter
 * hours. Not thread-safe: one instance per month run. All arithmetic is exact (128-bit products where a
 * long would overflow); see {@link PvAllocator} for the rules.
 */
final class IntervalEngine {

    private final AllocationKey key;
    private final long[] weights;
    private final int n;
    private final int[] members;
    private final long[] rem;
    private final long[] sortedRem;
    private final long[] entitlement;

    IntervalEngine(AllocationRule rule, int consumers) {
        this.key = rule.key();
        this.n = consumers;
        if (key.needsShares()) {
            if (rule.shares().size() != consumers) {
                throw new IllegalArgumentException("Key [" + key + "] has ["
                        + rule.shares().size() + "] shares for [" + consumers + "] consumers");
            }
            this.weights = rule.shares().array();
        } else {
            this.weights = new long[consumers];
            Arrays.fill(weights, 1);
        }
        this.members = new int[consumers];
        this.rem = new long[consumers];
        this.sortedRem = new long[consumers];
        this.entitlement = new long[consumers];
    }

    /** Writes a_i into {@code out} and returns the surplus, Wh. Inputs are already validated. */
    long allocate(long p, long[] c, long[] out) {
        return switch (key) {
            case DYNAMIC_PROPORTIONAL -> dynamic(p, c, out);
            case STATIC_SHARES, EQUAL_SHARES -> fixed(p, c, out);
            case STATIC_WITH_REDISTRIBUTION, EQUAL_SHARES_WITH_REDISTRIBUTION -> waterFilling(p, c, out);
        };
    }

    private long dynamic(long p, long[] c, long[] out) {
        long sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            sum = Math.addExact(sum, c[i]);
            if (c[i] > 0) {
                members[count++] = i;
            }
        }
        if (sum <= p) {
            System.arraycopy(c, 0, out, 0, n);
            return p - sum;
        }
        Arrays.fill(out, 0, n, 0);
        split(p, c, count, sum, out);
        return 0;
    }

    private long fixed(long p, long[] c, long[] out) {
        long sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            entitlement[i] = 0;
            if (weights[i] > 0) {
                members[count++] = i;
                sum += weights[i];
            }
        }
        if (count > 0) {
            split(p, weights, count, sum, entitlement);
        }
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(c[i], entitlement[i]);
            allocated += out[i];
        }
        return p - allocated;
    }

    private long waterFilling(long p, long[] c, long[] out) {
        long w = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            out[i] = 0;
            if (weights[i] > 0) {
                members[count++] = i;
                w += weights[i];
            }
        }
        long r = p;
        while (count > 0) {
            int kept = 0;
            long wNext = w;
            long rNext = r;
            for (int k = 0; k < count; k++) {
                int i = members[k];
                if (compareProducts(c[i], w, r, weights[i]) <= 0) {
                    out[i] = c[i];
                    rNext -= c[i];
                    wNext -= weights[i];
                } else {
                    members[kept++] = i;
                }
            }
            if (kept == count) {
                split(r, weights, count, w, out);
                return 0;
            }
            count = kept;
            w = wNext;
            r = rNext;
        }
        return r;
    }

    /**
     * Largest remainder over the first {@code count} entries of {@code members}: the one rule in
     * {@link LargestRemainder}, in its allocation-free form, with this engine's scratch arrays.
     */
    private void split(long total, long[] weight, int count, long weightSum, long[] out) {
        LargestRemainder.splitInto(total, weight, members, count, weightSum, out, rem, sortedRem);
    }

    /** Compares a·b with c·d exactly, all arguments not negative. */
    static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return Long.compare(hi1, hi2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
