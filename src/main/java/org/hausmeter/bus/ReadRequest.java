package org.hausmeter.bus;

import java.util.List;

/**
 * One Modbus read planned by {@link ReadPlanner}: {@code count} registers from {@code start}
 * with one function code, covering the listed value registers and their scale factors.
 *
 * @param function  input or holding
 * @param start     first 0-based PDU address
 * @param count     number of registers, 1..125
 * @param registers the value registers answered by this read (scale factors may be shared
 *                  with another read's registers)
 */
public record ReadRequest(FunctionCode function, int start, int count, List<Register> registers) {

    public ReadRequest {
        registers = List.copyOf(registers);
    }

    /** First address after the read. */
    public int end() {
        return start + count;
    }
}
