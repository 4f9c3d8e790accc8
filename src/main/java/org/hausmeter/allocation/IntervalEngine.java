package org.hausmeter.allocation;

import java.math.BigInteger;
import java.util.Arrays;

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
                throw new IllegalArgumentException("Key [" + key + "] has [" + rule.shares().size()
                        + "] shares for [" + consumers + "] consumers");
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
     * Largest remainder: sets out[i] for the first {@code count} entries i of {@code members} (ascending) to
     * floor(total·weight[i]/weightSum), then gives the Wh left over one each to the largest remainders,
     * equal remainders to the lower index. Σ = total exactly.
     */
    private void split(long total, long[] weight, int count, long weightSum, long[] out) {
        long left = total;
        int withRem = 0;
        for (int k = 0; k < count; k++) {
            int i = members[k];
            long q;
            long r;
            long hi = Math.multiplyHigh(total, weight[i]);
            long lo = total * weight[i];
            if (hi == 0 && lo >= 0) {
                q = lo / weightSum;
                r = lo % weightSum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weight[i]))
                        .divideAndRemainder(BigInteger.valueOf(weightSum));
                q = qr[0].longValueExact();
                r = qr[1].longValueExact();
            }
            out[i] = q;
            rem[i] = r;
            left -= q;
            if (r > 0) {
                sortedRem[withRem++] = r;
            }
        }
        if (left == 0) {
            return;
        }
        Arrays.sort(sortedRem, 0, withRem);
        long threshold = sortedRem[withRem - (int) left];
        for (int k = 0; k < count; k++) {
            int i = members[k];
            if (rem[i] > threshold) {
                out[i]++;
                left--;
            }
        }
        for (int k = 0; k < count && left > 0; k++) {
            int i = members[k];
            if (rem[i] == threshold) {
                out[i]++;
                left--;
            }
        }
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
