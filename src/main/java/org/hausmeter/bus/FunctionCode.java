package org.hausmeter.bus;

/** Modbus read function codes used for meter registers. */
public enum FunctionCode {
    /** FC 3, read holding registers (printed 4xxxx in manuals). */
    HOLDING(3),
    /** FC 4, read input registers (printed 3xxxx in manuals). */
    INPUT(4);

    private final int code;

    FunctionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
