package org.hausmeter.bus.sim;

/**
 * Fault injected into one simulated unit.
 *
 * @param kind          what the unit does instead of answering normally
 * @param exceptionCode Modbus exception code for {@link Kind#EXCEPTION}, else 0
 */
public record SlaveFault(Kind kind, int exceptionCode) {

    public enum Kind {
        /** Answers normally. */
        NONE,
        /** Never answers (the master times out). */
        SILENT,
        /** Answers every request with {@link #exceptionCode()}. */
        EXCEPTION,
        /** Answers with a broken reply: wrong CRC on RTU, a reply for another function code on TCP. */
        GARBAGE
    }

    public static final SlaveFault NONE = new SlaveFault(Kind.NONE, 0);
    public static final SlaveFault SILENT = new SlaveFault(Kind.SILENT, 0);
    public static final SlaveFault GARBAGE = new SlaveFault(Kind.GARBAGE, 0);

    public SlaveFault {
        if ((kind == Kind.EXCEPTION) != (exceptionCode > 0) || exceptionCode > 0xFF) {
            throw new IllegalArgumentException("Fault [" + kind + "] with exception code [" + exceptionCode + "]");
        }
    }

    public static SlaveFault exception(int code) {
        return new SlaveFault(Kind.EXCEPTION, code);
    }
}
