package org.hausmeter.bus;

/**
 * One Modbus request as seen by a {@link ModbusBus}: used for validation, failure messages and the
 * request log of the test double {@code FakeModbusBus}.
 *
 * @param bus          name of the bus the request went to
 * @param unitId       slave address, 0–255 (RTU: 1–247 answer; 0 is broadcast)
 * @param functionCode Modbus function code (1, 3, 4, 5, 6, 16)
 * @param address      PDU address (0-based, as on the wire), 0–65535
 * @param count        number of registers/coils read or written (1 for single writes)
 * @param value        written value (register word, or 1/0 for a coil; FC16: the first word); -1 for reads
 */
public record BusRequest(String bus, int unitId, int functionCode, int address, int count, int value) {

    /** Most registers one FC03/FC04 read may ask for. */
    public static final int MAX_REGISTERS = 125;
    /** Most coils one FC01 read may ask for. */
    public static final int MAX_COILS = 2000;
    /** Most registers one FC16 write may carry. */
    public static final int MAX_WRITE_REGISTERS = 123;

    public BusRequest {
        check(unitId >= 0 && unitId <= 255, "unit id", unitId);
        check(address >= 0 && address <= 0xFFFF, "address", address);
        check(address + count <= 0x10000, "address+count", address + count);
    }

    public static BusRequest readRegisters(String bus, int unitId, FunctionCode fc, int address, int count) {
        check(count >= 1 && count <= MAX_REGISTERS, "register count", count);
        return new BusRequest(bus, unitId, fc.code(), address, count, -1);
    }

    public static BusRequest readCoils(String bus, int unitId, int address, int count) {
        check(count >= 1 && count <= MAX_COILS, "coil count", count);
        return new BusRequest(bus, unitId, 1, address, count, -1);
    }

    public static BusRequest writeSingleRegister(String bus, int unitId, int address, int value) {
        check(value >= 0 && value <= 0xFFFF, "register value", value);
        return new BusRequest(bus, unitId, 6, address, 1, value);
    }

    /** FC16 with {@code values.length} (1–123) words; {@code value} holds the first. */
    public static BusRequest writeMultipleRegisters(String bus, int unitId, int address, int... values) {
        check(values.length >= 1 && values.length <= MAX_WRITE_REGISTERS, "register count", values.length);
        for (int v : values) {
            check(v >= 0 && v <= 0xFFFF, "register value", v);
        }
        return new BusRequest(bus, unitId, 16, address, values.length, values[0]);
    }

    public static BusRequest writeSingleCoil(String bus, int unitId, int address, boolean on) {
        return new BusRequest(bus, unitId, 5, address, 1, on ? 1 : 0);
    }

    public boolean isWrite() {
        return functionCode == 5 || functionCode == 6 || functionCode == 16;
    }

    /** {@code Bus [rtu0] unit [12] FC4 [0x0048]x4}, the prefix of every failure message. */
    public String describe() {
        String target = isWrite()
                ? String.format("[0x%04X]=[%d]", address, value)
                : String.format("[0x%04X]x%d", address, count);
        return String.format("Bus [%s] unit [%d] FC%d %s", bus, unitId, functionCode, target);
    }

    private static void check(boolean ok, String what, int value) {
        if (!ok) {
            throw new IllegalArgumentException("Modbus " + what + " [" + value + "] out of range");
        }
    }
}
