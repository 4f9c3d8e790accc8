package org.hausmeter.bus.config;

/**
 * A register-map file that cannot be used. The message starts with {@code file:line: }, e.g.
 * {@code modbus-bus-config/models/eastron-sdm630.yaml:31: unknown quantity [IMPORT_ENERGY]}.
 */
public class RegisterMapException extends RuntimeException {

    private final int line;

    public RegisterMapException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }
}
