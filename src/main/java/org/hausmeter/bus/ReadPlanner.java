package org.hausmeter.bus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups the registers of one meter into as few reads as possible: same function code,
 * ascending addresses, at most {@code maxGap} unwanted registers between two wanted ones, at
 * most {@code maxRegisters} (never more than 125) per read. Scale-factor registers are read
 * like values. A value and its scale factor may end up in different reads of the same plan;
 * decode the whole poll cycle's {@link RegisterImage} together.
 *
 * <p>Gap registers are read and thrown away; a device that answers an exception for an
 * undefined address in a gap needs {@code maxGap = 0}.
 */
public final class ReadPlanner {

    /** Modbus limit for FC3/FC4 (MODBUS Application Protocol). */
    public static final int MODBUS_MAX_REGISTERS = 125;

    private ReadPlanner() {}

    /** Plans all registers of a plain map with the map's read limit. */
    public static List<ReadRequest> plan(RegisterMap map, int maxGap) {
        return plan(map.registers(), maxGap, map.maxRegistersPerRead());
    }

    /**
     * Plans {@code registers} (absolute addresses).
     *
     * @param maxGap       unwanted registers allowed inside one read, &gt;= 0
     * @param maxRegisters read size limit, 1..125
     */
    public static List<ReadRequest> plan(List<Register> registers, int maxGap, int maxRegisters) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap [" + maxGap + "] is negative");
        }
        if (maxRegisters < 1 || maxRegisters > MODBUS_MAX_REGISTERS) {
            throw new IllegalArgumentException("maxRegisters [" + maxRegisters + "] is outside 1..125");
        }
        record Span(FunctionCode function, int start, int end, Register owner) {}
        List<Span> spans = new ArrayList<>();
        for (Register r : registers) {
            spans.add(new Span(r.function(), r.address(), r.end(), r));
            if (r.scaleFactorAddress() != null) {
                spans.add(new Span(r.function(), r.scaleFactorAddress(), r.scaleFactorAddress() + 1, null));
            }
        }
        spans.sort(Comparator.comparing(Span::function)
                .thenComparingInt(Span::start)
                .thenComparingInt(Span::end));
        List<ReadRequest> requests = new ArrayList<>();
        FunctionCode fc = null;
        int start = 0;
        int end = 0;
        Set<Register> owners = new LinkedHashSet<>();
        for (Span s : spans) {
            boolean fits =
                    fc == s.function() && s.start() - end <= maxGap && Math.max(end, s.end()) - start <= maxRegisters;
            if (!fits) {
                if (fc != null) {
                    requests.add(new ReadRequest(fc, start, end - start, List.copyOf(owners)));
                }
                fc = s.function();
                start = s.start();
                end = s.end();
                owners.clear();
            } else {
                end = Math.max(end, s.end());
            }
            if (s.owner() != null) {
                owners.add(s.owner());
            }
        }
        if (fc != null) {
            requests.add(new ReadRequest(fc, start, end - start, List.copyOf(owners)));
        }
        return List.copyOf(requests);
    }
}
