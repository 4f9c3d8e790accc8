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
}
