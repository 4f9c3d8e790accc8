package org.hausmeter.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Commissioning: which unit ids on a bus answer, and what they look like. Each unit is probed with
 * a few harmless reads that identify the common meter families; a unit that does not answer the
 * first probe within the timeout is taken as absent (one timeout per empty address).
 */
public final class BusScanner {

    /** What one unit id answered. {@code guess} is a human hint, not a verdict. */
    public record UnitReport(int unitId, List<String> answers, String guess) {}

    private record Probe(String name, FunctionCode fc, int address, int count) {}

    private static final List<Probe> PROBES = List.of(
            new Probe("input 0x0000 (Eastron voltage L1)", FunctionCode.INPUT, 0x0000, 2),
            new Probe("holding 40000 (SunSpec marker)", FunctionCode.HOLDING, 40000, 2),
            new Probe("holding 0x5000 (ABB active import)", FunctionCode.HOLDING, 0x5000, 4),
            new Probe("input 0x000B (Carlo Gavazzi model id)", FunctionCode.INPUT, 0x000B, 1));

    private BusScanner() {}

    /** Scans unit ids {@code from}..{@code to} (1..247) one at a time; returns the units that answered. */
    public static List<UnitReport> scan(ModbusBus bus, int from, int to) {
        if (from < 1 || to > 247 || from > to) {
            throw new IllegalArgumentException("Unit ids must be within 1..247, got [" + from + ".." + to + "]");
        }
        List<UnitReport> found = new ArrayList<>();
        for (int unit = from; unit <= to; unit++) {
            List<String> answers = new ArrayList<>();
            String guess = null;
            boolean present = false;
            for (int i = 0; i < PROBES.size(); i++) {
                Probe p = PROBES.get(i);
                try {
                    int[] words = bus.readRegisters(unit, p.fc(), p.address(), p.count());
                    present = true;
                    answers.add(p.name() + ": " + hex(words));
                    if (guess == null) {
                        guess = guess(p, words);
                    }
                } catch (ModbusFailure f) {
                    if (f.kind() == ModbusFailure.Kind.EXCEPTION) {
                        present = true;
                        answers.add(
                                p.name() + ": exception " + f.exceptionCode().orElse(0));
                    } else if (i == 0 && f.kind() == ModbusFailure.Kind.TIMEOUT) {
                        break;
                    } else {
                        present = present || f.kind() != ModbusFailure.Kind.TIMEOUT;
                        answers.add(p.name() + ": " + f.kind().name().toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (present) {
                found.add(new UnitReport(unit, answers, guess == null ? "unknown device" : guess));
            }
        }
        return found;
    }

    private static String guess(Probe p, int[] w) {
        if (p.address() == 40000 && w[0] == SunSpecWalker.MARKER_HI && w[1] == SunSpecWalker.MARKER_LO) {
            return "SunSpec device (model: sunspec)";
        }
        if (p.address() == 0x0000 && p.fc() == FunctionCode.INPUT) {
            float v = Float.intBitsToFloat((w[0] << 16) | w[1]);
            if (v > 80 && v < 300) {
                return String.format(
                        Locale.ROOT, "Eastron-like float meter, L1 %.1f V (eastron-sdm630/sdm120/sdm72d-m)", v);
            }
        }
        if (p.address() == 0x5000) {
            return "ABB B-series-like (model: abb-b23)";
        }
        if (p.address() == 0x000B) {
            return "Carlo Gavazzi (model id " + w[0] + ", e.g. carlo-gavazzi-em24)";
        }
        return null;
    }

    private static String hex(int[] words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%04X", w));
        }
        return sb.toString();
    }
}
