package org.hausmeter.bus.sim;

/** A simulated unit refuses a request with a Modbus exception code (1 illegal function, 2 illegal address...). */
public final class SlaveException extends Exception {

    public static final int ILLEGAL_FUNCTION = 1;
    public static final int ILLEGAL_DATA_ADDRESS = 2;
    public static final int ILLEGAL_DATA_VALUE = 3;
    public static final int SLAVE_DEVICE_FAILURE = 4;

    private final int code;

    public SlaveException(int code, String message) {
        super(message);
        if (code < 1 || code > 0xFF) {
            throw new IllegalArgumentException("Modbus exception code [" + code + "] out of range");
        }
        this.code = code;
    }

    public static SlaveException illegalAddress(int address, int count) {
        return new SlaveException(
                ILLEGAL_DATA_ADDRESS, String.format("Registers [0x%04X]x%d not mapped", address, count));
    }

    public int code() {
        return code;
    }
}
