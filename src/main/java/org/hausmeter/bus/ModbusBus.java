package org.hausmeter.bus;

/**
 * One Modbus master port: an RS-485 segment, a Modbus TCP gateway, or an in-memory fake.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Exactly <b>one attempt</b> per call: no retries, no back-off (the poller above owns those).
 *       A silent unit costs one timeout.</li>
 *   <li>One request at a time: calls from several threads are serialised; a bus may also wait a
 *       configured minimum pause (and the RTU t3.5 silence) between the end of one request and the
 *       start of the next.</li>
 *   <li>Addresses are PDU addresses (0-based, as on the wire), not the 3xxxx/4xxxx numbers printed in
 *       manuals. Unit ids are 0–255; on RS-485 only 1–247 answer.</li>
 *   <li>Every failure is a {@link ModbusFailure}; argument errors (count 0, value > 0xFFFF) are
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 */
public interface ModbusBus extends AutoCloseable {

    /** Name used in logs and failure messages, e.g. {@code rtu0}. */
    String name();

    /**
     * Reads {@code count} (1–125) consecutive registers with FC03 or FC04.
     *
     * @return the registers as unsigned 16-bit words (0–65535), {@code count} long
     */
    int[] readRegisters(int unitId, FunctionCode fc, int address, int count) throws ModbusFailure;

    /** Writes one holding register (FC06); {@code value} is an unsigned word 0–65535. */
    void writeSingleRegister(int unitId, int address, int value) throws ModbusFailure;

    /**
     * Writes consecutive holding registers with FC16 (Write Multiple Registers), 1–123 words, each
     * 0–65535. Some devices accept only FC16 for their settings (Heidelberg Energy Control).
     */
    void writeMultipleRegisters(int unitId, int address, int... values) throws ModbusFailure;

    /** Switches one coil (FC05). */
    void writeSingleCoil(int unitId, int address, boolean on) throws ModbusFailure;

    /** Reads {@code count} (1–2000) coils (FC01); element i is coil {@code address + i}. */
    boolean[] readCoils(int unitId, int address, int count) throws ModbusFailure;

    /** Releases the port or connection; further calls fail with {@link ModbusFailure.Kind#IO}. */
    @Override
    void close();
}
