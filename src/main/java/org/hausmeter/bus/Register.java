package org.hausmeter.bus;

import java.util.List;

/**
 * One register entry of a meter model: where a {@link Quantity} lives and how to turn its raw
 * words into the quantity's canonical unit.
 *
 * <p>Conversion: value in the datasheet unit = raw x {@code multiplier} / {@code divisor}
 * (x 10^sf when {@code scaleFactorAddress} is set); canonical value = that x
 * {@link CanonicalUnit#factorFrom(String) factor} of {@code unit}, negated when {@code invert}.
 * Rounding happens once, at the end: {@link Math#round(double)} semantics (half rounds towards
 * positive infinity) for float32, the same rule in exact integer arithmetic for integer types.
 *
 * @param quantity           what the register holds
 * @param function           input or holding register
 * @param address            0-based PDU address; for SunSpec maps the offset within the model
 *                           block, offset 0 being the model ID register
 * @param type               wire encoding
 * @param wordOrder          order of the words of a multi-register value
 * @param multiplier         datasheet multiplier, positive (usually 1)
 * @param divisor            datasheet divisor, positive (e.g. 100 for "/100 kWh")
 * @param unit               datasheet unit after multiplier/divisor, e.g. {@code kWh}
 * @param scaleFactorAddress address (same addressing as {@code address}) of the SunSpec
 *                           {@code sunssf} register scaling this one, or {@code null}
 * @param invert             whether the device's sign convention is the opposite of
 *                           {@link Quantity}'s (import positive)
 * @param sunspecModels      SunSpec model ids this entry applies to (any of them, first found
 *                           wins); empty for a plain, absolutely addressed map
 * @param comment            the datasheet row, for people
 * @param line               line of the entry in its file, for messages; 0 if not from a file
 */
public record Register(
        Quantity quantity,
        FunctionCode function,
        int address,
        RegisterType type,
        WordOrder wordOrder,
        long multiplier,
        long divisor,
        String unit,
        Integer scaleFactorAddress,
        boolean invert,
        List<Integer> sunspecModels,
        String comment,
        int line) {

    public Register {
        sunspecModels = List.copyOf(sunspecModels);
    }

    /** First address after this value. */
    public int end() {
        return address + type.words();
    }

    /** Canonical units per datasheet unit (see {@link CanonicalUnit#factorFrom(String)}). */
    public long unitFactor() {
        return quantity.unit().factorFrom(unit);
    }

    /** This register moved to absolute addresses, {@code base} being the address of offset 0. */
    public Register at(int base, int model) {
        return new Register(
                quantity,
                function,
                base + address,
                type,
                wordOrder,
                multiplier,
                divisor,
                unit,
                scaleFactorAddress == null ? null : base + scaleFactorAddress,
                invert,
                List.of(model),
                comment,
                line);
    }

    /** Hex address as written in messages, e.g. {@code 0x0048}. */
    public static String hex(int address) {
        return String.format("0x%04X", address);
    }
}
