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

    private LargestRemainder() {
    }

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
        long[] rem = new long[n];
        long left = totalWh;
        for (int i = 0; i < n; i++) {
            long w = weights[i];
            if (Math.multiplyHigh(totalWh, w) == 0 && totalWh * w >= 0) {
                long p = totalWh * w;
                parts[i] = p / sum;
                rem[i] = p % sum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(totalWh).multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                parts[i] = qr[0].longValueExact();
                rem[i] = qr[1].longValueExact();
            }
            left -= parts[i];
        }
        if (left <= 8) {
            while (left > 0) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (rem[i] > 0 && (best < 0 || rem[i] > rem[best])) {
                        best = i;
                    }
                }
                parts[best]++;
                rem[best] = 0;
                left--;
            }
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : Integer.compare(a, b));
            for (int j = 0; j < left; j++) {
                parts[order[j]]++;
            }
        }
        return parts;
    }
}
