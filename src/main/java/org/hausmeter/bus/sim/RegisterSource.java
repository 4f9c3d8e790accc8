package org.hausmeter.bus.sim;

import org.hausmeter.bus.FunctionCode;

/**
 * What one simulated unit id answers. Called by {@link ModbusSlaveServer} one request at a time
 * (per server), from its I/O threads. Addresses are PDU addresses (0-based).
 * Writes and coils are refused with exception 1 (illegal function) unless overridden.
 */
public interface RegisterSource {

    /**
     * @return exactly {@code count} words, each 0–65535 (higher bits are dropped)
     * @throws SlaveException to answer with a Modbus exception, e.g. 2 for unmapped registers
     */
    int[] read(FunctionCode fc, int address, int count) throws SlaveException;

    /** FC06. */
    default void writeRegister(int address, int value) throws SlaveException {
        throw new SlaveException(SlaveException.ILLEGAL_FUNCTION, "Register writes not supported");
    }

    /** FC01; exactly {@code count} states. */
    default boolean[] readCoils(int address, int count) throws SlaveException {
        throw new SlaveException(SlaveException.ILLEGAL_FUNCTION, "Coils not supported");
    }

    /** FC05. */
    default void writeCoil(int address, boolean on) throws SlaveException {
        throw new SlaveException(SlaveException.ILLEGAL_FUNCTION, "Coils not supported");
    }
}
