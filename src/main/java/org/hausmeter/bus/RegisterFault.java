package org.hausmeter.bus;

/**
 * A register whose words did not yield a usable value. Never replaced by 0: the caller records
 * a gap (or retries) instead.
 *
 * @param quantity what should have been read
 * @param address  absolute address of the value register
 * @param kind     what went wrong
 * @param message  readable, with the offending raw value in brackets
 */
public record RegisterFault(Quantity quantity, int address, Kind kind, String message) {

    /** Why a value could not be decoded. */
    public enum Kind {
        /** float32 NaN. */
        NAN,
        /** float32 positive or negative infinity. */
        INFINITE,
        /** The device's "not available / not implemented" marker (see the map's {@code notAvailable}). */
        NOT_AVAILABLE,
        /** Decoded, but outside the quantity's plausibility bounds (e.g. a negative energy counter). */
        IMPLAUSIBLE,
        /** Does not fit a {@code long} after scaling, or the scale factor is out of -10..10. */
        OVERFLOW,
        /** Some word of the value or of its scale factor was not in the words handed to the decoder. */
        NOT_READ
    }
}
