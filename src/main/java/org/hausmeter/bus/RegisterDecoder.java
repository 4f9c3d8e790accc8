package org.hausmeter.bus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Pure decoder: raw words to canonical {@code long} values, following a {@link RegisterMap}.
 *
 * <p>Rounding, applied once after all scaling (see {@link Register}): float32 values use
 * {@code Math.round(value x factor)}, e.g. {@code Math.round(kWh * 1000)} for an Eastron
 * energy register; integer values use the same rule (half rounds towards positive infinity)
 * in exact arithmetic. Scale factors multiply by 10^sf. NaN, infinities, the device's
 * "not available" markers, out-of-range and implausible values become {@link RegisterFault}s,
 * never 0.
 */
public final class RegisterDecoder {

    private RegisterDecoder() {}

    /**
     * Decodes the registers of one read block of a plain map: every register of function
     * {@code function} that lies entirely within {@code start .. start + words.length - 1}.
     * Registers the block only partly covers, or whose scale factor lies outside it, are
     * {@link RegisterFault.Kind#NOT_READ} faults.
     *
     * @param words unsigned 16-bit words as read, index 0 at {@code start}
     */
    public static DecodeResult decodeBlock(RegisterMap map, FunctionCode function, int start, int[] words) {
        int end = start + words.length;
        List<Register> touched = map.registers().stream()
                .filter(r -> r.function() == function && r.address() < end && r.end() > start)
                .toList();
        return decode(map, touched, RegisterImage.of(function, start, words));
    }

    /** Decodes all registers of a plain (non-SunSpec) map from {@code image}. */
    public static DecodeResult decode(RegisterMap map, RegisterImage image) {
        return decode(map, map.registers(), image);
    }

    /**
     * Decodes {@code registers} (absolute addresses, e.g. from {@link RegisterMap#resolve}) with
     * the map's not-available markers. Every register yields a value or a fault.
     */
    public static DecodeResult decode(RegisterMap map, List<Register> registers, RegisterImage image) {
        Map<Quantity, Long> values = new LinkedHashMap<>();
        List<RegisterFault> faults = new ArrayList<>();
        for (Register r : registers) {
            Object outcome = decodeOne(map, r, image);
            if (outcome instanceof RegisterFault fault) {
                faults.add(fault);
            } else {
                values.put(r.quantity(), (Long) outcome);
            }
        }
        return new DecodeResult(values, faults);
    }

    private static Object decodeOne(RegisterMap map, Register r, RegisterImage image) {
        String where = "meter model [" + map.id() + "] register [" + Register.hex(r.address()) + "] " + r.quantity();
        long bits = 0;
        int n = r.type().words();
        for (int i = 0; i < n; i++) {
            int offset = r.wordOrder() == WordOrder.MSW_FIRST ? i : n - 1 - i;
            OptionalInt w = image.word(r.function(), r.address() + offset);
            if (w.isEmpty()) {
                return fault(
                        r,
                        RegisterFault.Kind.NOT_READ,
                        where + " was not read (word [" + Register.hex(r.address() + offset) + "] missing)");
            }
            bits = (bits << 16) | w.getAsInt();
        }
        Long marker = map.notAvailable().get(r.type());
        if (marker != null && marker == bits) {
            return fault(
                    r, RegisterFault.Kind.NOT_AVAILABLE, where + " reports not available [" + hexBits(bits, n) + "]");
        }
        int sf = 0;
        if (r.scaleFactorAddress() != null) {
            OptionalInt w = image.word(r.function(), r.scaleFactorAddress());
            if (w.isEmpty()) {
                return fault(
                        r,
                        RegisterFault.Kind.NOT_READ,
                        where + " scale factor [" + Register.hex(r.scaleFactorAddress()) + "] was not read");
            }
            Long sfMarker = map.notAvailable().get(RegisterType.SUNSSF);
            if (sfMarker != null && sfMarker == w.getAsInt()) {
                return fault(
                        r,
                        RegisterFault.Kind.NOT_AVAILABLE,
                        where + " scale factor [" + Register.hex(r.scaleFactorAddress()) + "] reports not available ["
                                + hexBits(w.getAsInt(), 1) + "]");
            }
            sf = (short) w.getAsInt();
            if (sf < -10 || sf > 10) {
                return fault(r, RegisterFault.Kind.OVERFLOW, where + " scale factor [" + sf + "] is outside -10..10");
            }
        }
        long value;
        if (r.type() == RegisterType.FLOAT32) {
            float f = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(f)) {
                return fault(r, RegisterFault.Kind.NAN, where + " returned NaN [" + hexBits(bits, n) + "]");
            }
            if (Float.isInfinite(f)) {
                return fault(r, RegisterFault.Kind.INFINITE, where + " returned infinity [" + hexBits(bits, n) + "]");
            }
            double scaled = (double) f * r.multiplier() * r.unitFactor() / r.divisor() * Math.pow(10, sf);
            if (r.invert()) {
                scaled = -scaled;
            }
            if (Math.abs(scaled) >= 0x1p62) {
                return fault(r, RegisterFault.Kind.OVERFLOW, where + " value [" + f + "] does not fit a long");
            }
            value = Math.round(scaled);
        } else {
            BigInteger raw = switch (r.type()) {
                case INT16 -> BigInteger.valueOf((short) bits);
                case INT32 -> BigInteger.valueOf((int) bits);
                case INT64 -> BigInteger.valueOf(bits);
                case UINT64 -> new BigInteger(Long.toUnsignedString(bits));
                default -> BigInteger.valueOf(bits);
            };
            if (r.invert()) {
                raw = raw.negate();
            }
            BigInteger[] fraction = fraction(r, sf);
            BigInteger result = roundHalfUp(raw.multiply(fraction[0]), fraction[1]);
            if (result.bitLength() > 63) {
                return fault(r, RegisterFault.Kind.OVERFLOW, where + " value [" + raw + "] does not fit a long");
            }
            value = result.longValue();
        }
        if (!r.quantity().isPlausible(value)) {
            return fault(
                    r,
                    RegisterFault.Kind.IMPLAUSIBLE,
                    where + " value [" + value + "] " + r.quantity().unit() + " is outside "
                            + r.quantity().minPlausible() + ".." + r.quantity().maxPlausible());
        }
        return value;
    }

    /** Numerator and denominator turning a raw integer into canonical units. */
    static BigInteger[] fraction(Register r, int sf) {
        BigInteger num = BigInteger.valueOf(r.multiplier()).multiply(BigInteger.valueOf(r.unitFactor()));
        BigInteger den = BigInteger.valueOf(r.divisor());
        if (sf >= 0) {
            num = num.multiply(BigInteger.TEN.pow(sf));
        } else {
            den = den.multiply(BigInteger.TEN.pow(-sf));
        }
        return new BigInteger[] {num, den};
    }

    /** {@code x / d} rounded like {@link Math#round(double)}: floor(x / d + 1/2), d > 0. */
    static BigInteger roundHalfUp(BigInteger x, BigInteger d) {
        BigInteger twice = x.shiftLeft(1).add(d);
        BigInteger[] qr = twice.divideAndRemainder(d.shiftLeft(1));
        BigInteger q = qr[0];
        if (qr[1].signum() < 0) {
            q = q.subtract(BigInteger.ONE);
        }
        return q;
    }

    private static RegisterFault fault(Register r, RegisterFault.Kind kind, String message) {
        return new RegisterFault(r.quantity(), r.address(), kind, message);
    }

    static String hexBits(long bits, int words) {
        return "0x" + String.format("%0" + (words * 4) + "X", bits);
    }
}
