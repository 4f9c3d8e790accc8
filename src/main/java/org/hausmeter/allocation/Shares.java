package org.hausmeter.allocation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Fixed allocation shares, one per consumer, as whole-number parts of a whole.
 *
 * <p>Consumer i's share is {@code parts[i] / Σparts}: for example 1 per apartment, square metres, or
 * thousandths. A part of 0 means the consumer takes no part in the static key (he gets no PV under
 * {@link AllocationKey#STATIC_SHARES} and {@link AllocationKey#STATIC_WITH_REDISTRIBUTION}). Parts are not
 * negative and at least one is positive. Immutable: the array is copied in and out.
 *
 * @param parts the parts, in consumer order
 */
public record Shares(long[] parts) {

    public Shares {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("Shares need at least one part");
        }
        parts = parts.clone();
        long sum = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] < 0) {
                throw new IllegalArgumentException("Share of consumer [" + i + "] is negative [" + parts[i] + "]");
            }
            sum = Math.addExact(sum, parts[i]);
        }
        if (sum == 0) {
            throw new IllegalArgumentException("All [" + parts.length + "] shares are zero");
        }
    }

    /** @return shares with the given parts, e.g. {@code ofParts(2, 1, 1)} for 1/2, 1/4, 1/4 */
    public static Shares ofParts(long... parts) {
        return new Shares(parts);
    }

    /**
     * @param fractions one fraction per consumer, not negative, summing to exactly 1 (e.g. 0.3333, 0.3333,
     *     0.3334); converted without rounding to parts at the largest scale used
     * @return the shares
     * @throws ArithmeticException if a fraction has so many decimals that its part does not fit a long
     */
    public static Shares ofFractions(BigDecimal... fractions) {
        int scale = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal f : fractions) {
            scale = Math.max(scale, f.scale());
            sum = sum.add(f);
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("Fractions sum to [" + sum.toPlainString() + "], not 1");
        }
        long[] parts = new long[fractions.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = fractions[i].setScale(scale).unscaledValue().longValueExact();
        }
        return new Shares(parts);
    }

    /** @return {@code count} equal shares */
    public static Shares equal(int count) {
        long[] parts = new long[count];
        Arrays.fill(parts, 1);
        return new Shares(parts);
    }

    @Override
    public long[] parts() {
        return parts.clone();
    }

    /** @return the number of consumers */
    public int size() {
        return parts.length;
    }

    /** @return consumer i's part */
    public long part(int i) {
        return parts[i];
    }

    /** @return Σ parts, the whole */
    public long total() {
        long sum = 0;
        for (long p : parts) {
            sum += p;
        }
        return sum;
    }

    /** @return consumer i's share as a fraction, 10 significant digits, HALF_UP (display only) */
    public BigDecimal fraction(int i) {
        return BigDecimal.valueOf(parts[i]).divide(BigDecimal.valueOf(total()), new MathContext(10));
    }

    long[] array() {
        return parts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shares s && Arrays.equals(parts, s.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return "Shares" + Arrays.toString(parts);
    }
}
