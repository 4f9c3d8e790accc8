package org.hausmeter.bus;

/**
 * Encoding of a register value on the wire. Written in lower case in register-map files
 * ({@code float32}, {@code acc32}, ...).
 */
public enum RegisterType {
    /** Signed 16-bit two's complement. */
    INT16(1, true),
    /** Unsigned 16-bit. */
    UINT16(1, false),
    /** Signed 32-bit two's complement, 2 registers. */
    INT32(2, true),
    /** Unsigned 32-bit, 2 registers. */
    UINT32(2, false),
    /** IEEE-754 single precision, 2 registers; NaN and infinities are faults. */
    FLOAT32(2, true),
    /** Signed 64-bit two's complement, 4 registers. */
    INT64(4, true),
    /** Unsigned 64-bit, 4 registers; values above {@link Long#MAX_VALUE} after scaling are faults. */
    UINT64(4, false),
    /** SunSpec unsigned 32-bit accumulator, 2 registers; it wraps at 2^32, and 0 means "not accumulated". */
    ACC32(2, false),
    /**
     * SunSpec scale factor: signed 16-bit exponent {@code sf}, value = raw x 10^sf. Never a
     * register entry of its own: the implied type of every {@code scaleFactorAddress}.
     */
    SUNSSF(1, true);

    private final int words;
    private final boolean signed;

    RegisterType(int words, boolean signed) {
        this.words = words;
        this.signed = signed;
    }

    /** Number of 16-bit registers the value occupies. */
    public int words() {
        return words;
    }

    /** Whether the integer value is two's complement (FLOAT32 counts as signed). */
    public boolean signed() {
        return signed;
    }

    /** The spelling used in register-map files. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type spelled {@code name} in a file, or {@code null} if there is none. */
    public static RegisterType ofYaml(String name) {
        for (RegisterType type : values()) {
            if (type.yamlName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
