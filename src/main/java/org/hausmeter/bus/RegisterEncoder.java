package org.hausmeter.bus;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The inverse of {@link RegisterDecoder}, for simulators and tests: canonical values to raw
 * words laid out by the same {@link RegisterMap}, so a simulated meter serves exactly what the
 * real decoder reads.
 *
 * <p>Integer types: raw = canonical x denominator / numerator, rounded half towards positive
 * infinity; decoding gives back the canonical value whenever the register's resolution allows
 * (e.g. a multiple of 10 Wh for ABB /100 kWh). float32: raw = the nearest float to
 * canonical / factor; decoding gives back the value within half the float's spacing, which is exact
 * for kWh registers below 16 384 kWh (half the spacing, 2^-11 kWh, is below 0.5 Wh); above that the
 * error grows with the spacing (docs/domain.md 1.8).
 */
public final class RegisterEncoder {

    private RegisterEncoder() {}

    /** Encodes {@code values} with a plain map and scale factor 0 everywhere. */
    public static RegisterImage encode(RegisterMap map, Map<Quantity, Long> values) {
        return encode(RegisterImage.empty(), map, map.registers(), values, Map.of());
    }

    /**
     * Writes {@code values} into a copy of {@code base}.
     *
     * @param registers    absolute registers (e.g. {@link RegisterMap#resolve}); those whose
     *                     quantity has no value are left out
     * @param values       canonical values ({@link Quantity#unit()})
     * @param scaleFactors exponent per absolute scale-factor address; absent = 0. Every
     *                     scale-factor register of an encoded value is written.
     * @throws IllegalArgumentException if a value does not fit the register type or encodes to
     *                                  the map's not-available marker
     */
    public static RegisterImage encode(
            RegisterImage base,
            RegisterMap map,
            List<Register> registers,
            Map<Quantity, Long> values,
            Map<Integer, Integer> scaleFactors) {
        RegisterImage image = base;
        for (Register r : registers) {
            Long value = values.get(r.quantity());
            if (value == null) {
                continue;
            }
            int sf = 0;
            if (r.scaleFactorAddress() != null) {
                sf = scaleFactors.getOrDefault(r.scaleFactorAddress(), 0);
                image = image.with(r.function(), r.scaleFactorAddress(), sf & 0xFFFF);
            }
            long bits = rawBits(r, value, sf);
            Long marker = map.notAvailable().get(r.type());
            if (marker != null && marker == bits) {
                throw new IllegalArgumentException(
                        r.quantity() + " value [" + value + "] encodes to the not-available marker ["
                                + RegisterDecoder.hexBits(bits, r.type().words()) + "] of model [" + map.id() + "]");
            }
            int n = r.type().words();
            int[] words = new int[n];
            for (int i = 0; i < n; i++) {
                int word = (int) ((bits >>> (16 * (n - 1 - i))) & 0xFFFF);
                words[r.wordOrder() == WordOrder.MSW_FIRST ? i : n - 1 - i] = word;
            }
            image = image.with(r.function(), r.address(), words);
        }
        return image;
    }

    private static long rawBits(Register r, long canonical, int sf) {
        if (r.type() == RegisterType.FLOAT32) {
            double factor = (double) r.multiplier() * r.unitFactor() / r.divisor() * Math.pow(10, sf);
            double v = (r.invert() ? -canonical : canonical) / factor;
            return Float.floatToIntBits((float) v) & 0xFFFFFFFFL;
        }
        BigInteger[] fraction = RegisterDecoder.fraction(r, sf);
        BigInteger target = BigInteger.valueOf(canonical);
        if (r.invert()) {
            target = target.negate();
        }
        BigInteger raw = RegisterDecoder.roundHalfUp(target.multiply(fraction[1]), fraction[0]);
        int bitsWide = 16 * r.type().words();
        BigInteger min =
                r.type().signed() ? BigInteger.ONE.shiftLeft(bitsWide - 1).negate() : BigInteger.ZERO;
        BigInteger max = r.type().signed()
                ? BigInteger.ONE.shiftLeft(bitsWide - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bitsWide).subtract(BigInteger.ONE);
        if (raw.compareTo(min) < 0 || raw.compareTo(max) > 0) {
            throw new IllegalArgumentException(r.quantity() + " value [" + canonical + "] gives raw [" + raw
                    + "], outside " + r.type().yamlName() + " (scale factor " + sf + ")");
        }
        return raw.longValue() & (bitsWide == 64 ? -1L : (1L << bitsWide) - 1);
    }
}
