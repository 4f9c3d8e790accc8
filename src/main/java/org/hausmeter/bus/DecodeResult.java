package org.hausmeter.bus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outcome of decoding one meter's registers: good values in canonical units and faults.
 * A quantity is in at most one of the two.
 *
 * @param values canonical values ({@link Quantity#unit()}), insertion order = map order
 * @param faults registers that gave no usable value
 */
public record DecodeResult(Map<Quantity, Long> values, List<RegisterFault> faults) {

    public DecodeResult {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        faults = List.copyOf(faults);
    }

    /** The value of {@code quantity} in its canonical unit, if it decoded cleanly. */
    public Optional<Long> value(Quantity quantity) {
        return Optional.ofNullable(values.get(quantity));
    }

    /**
     * The value of {@code quantity} in its canonical unit.
     *
     * @throws RegisterDecodeException if it is a fault or was not decoded
     */
    public long require(Quantity quantity) {
        Long value = values.get(quantity);
        if (value != null) {
            return value;
        }
        RegisterFault fault = faults.stream()
                .filter(f -> f.quantity() == quantity)
                .findFirst()
                .orElse(null);
        throw new RegisterDecodeException(
                fault == null ? "quantity [" + quantity + "] was not decoded" : fault.message(), fault);
    }

    /** Whether every register decoded cleanly. */
    public boolean isClean() {
        return faults.isEmpty();
    }
}
