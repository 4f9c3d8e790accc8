package org.hausmeter.ledger;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits a whole number of Wh into parts proportional to weights, in whole Wh, losing or creating none.
 *
 * <p>Rule (largest remainder, Hamilton): part i first gets floor(total × w_i / Σw); the Wh left over
 * (fewer than the number of parts with a remainder) go one each to the parts with the largest remainder
 * total × w_i mod Σw; equal remainders go to the lower index first. Exact integer arithmetic, falling
 * back to BigInteger when a product would overflow a long. So Σ parts = total, every part is within 1 Wh
 * of its exact share, and the result depends only on the arguments.
 */
public final class LargestRemainder {

    private LargestRemainder() {}

    /**
     * @param totalWh the amount to split, Wh, not negative
     * @param weights one weight per part, not negative, at least one positive
     * @return the parts, Wh, same length and order as {@code weights}
     */
    public static long[] split(long totalWh, long[] weights) {
        if (totalWh < 0) {
            throw new IllegalArgumentException("Cannot split a negative amount [" + totalWh + "] Wh");
        }
        long sum = weightSum(weights);
        int n = weights.length;
        long[] parts = new long[n];
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            members[i] = i;
        }
        splitInto(totalWh, weights, members, n, sum, parts, new long[n], new long[n]);
        return parts;
    }

    /**
     * The sum of {@code weights}, checked as {@link #split} checks them (none negative, at least one positive, no
     * overflow): the {@code weightSum} for {@link #splitInto}.
     */
    public static long weightSum(long[] weights) {
        long sum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("Negative weight [" + w + "]");
            }
            sum = Math.addExact(sum, w);
        }
        if (sum == 0) {
            throw new IllegalArgumentException("All [" + weights.length + "] weights are zero");
        }
        return sum;
    }

    /**
     * The same rule without allocating, for hot loops that split once per quarter hour (the PV allocation):
     * splits {@code totalWh} over the parts {@code members[0..count)} (ascending indices into
     * {@code weights} and {@code out}) with the weights {@code weights[members[k]]} summing to
     * {@code weightSum}, and writes each part to {@code out[members[k]]}; other entries of {@code out} are
     * left alone. {@code rem} (indexed like {@code weights}) and {@code sortedRem} (at least {@code count}
     * long) are scratch space. Arguments are not checked: {@code totalWh} and the weights not negative,
     * {@code weightSum} positive and exact.
     */
    public static void splitInto(
            long totalWh,
            long[] weights,
            int[] members,
            int count,
            long weightSum,
            long[] out,
            long[] rem,
            long[] sortedRem) {
        long left = totalWh;
        int withRem = 0;
        for (int k = 0; k < count; k++) {
            int i = members[k];
            long q;
            long r;
            long hi = Math.multiplyHigh(totalWh, weights[i]);
            long lo = totalWh * weights[i];
            if (hi == 0 && lo >= 0) {
                q = lo / weightSum;
                r = lo % weightSum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(totalWh)
                        .multiply(BigInteger.valueOf(weights[i]))
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
        // fewer Wh are left than parts with a remainder: the left-th largest remainder is the threshold; every
        // part above it gets one Wh, the rest go to parts at the threshold, lower index first
        long threshold = select(sortedRem, 0, withRem, withRem - (int) left);
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

    /**
     * The {@code k}-th smallest (0-based) of {@code a[from..to)}, reordering that range: a quickselect with a
     * three-way partition (many equal remainders, e.g. equal weights, end it at once) and a median-of-three
     * pivot; short ranges are sorted. Linear on average, where a full sort of the remainders per quarter hour was
     * most of the scenario replay's time.
     */
    static long select(long[] a, int from, int to, int k) {
        int lo = from;
        int hi = to;
        while (true) {
            if (hi - lo <= 16) {
                Arrays.sort(a, lo, hi);
                return a[k];
            }
            long x = a[lo];
            long y = a[(lo + hi) >>> 1];
            long z = a[hi - 1];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = lo;
            int i = lo;
            int gt = hi - 1;
            while (i <= gt) {
                if (a[i] < pivot) {
                    swap(a, lt++, i++);
                } else if (a[i] > pivot) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
