package org.hausmeter.bus;

/**
 * Order of the 16-bit registers of a multi-register value. Bytes inside a register are always
 * big-endian (Modbus). Written {@code msw-first} / {@code lsw-first} in register-map files.
 */
public enum WordOrder {
    /** Most significant word at the lowest address (Eastron, ABB, SunSpec). */
    MSW_FIRST("msw-first"),
    /** Least significant word at the lowest address (Carlo Gavazzi INT32). */
    LSW_FIRST("lsw-first");

    private final String yamlName;

    WordOrder(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in register-map files. */
    public String yamlName() {
        return yamlName;
    }

    /** The word order spelled {@code name} in a file, or {@code null} if there is none. */
    public static WordOrder ofYaml(String name) {
        for (WordOrder order : values()) {
            if (order.yamlName.equals(name)) {
                return order;
            }
        }
        return null;
    }
}
