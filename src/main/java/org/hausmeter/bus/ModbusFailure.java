package org.hausmeter.bus;

import java.util.OptionalInt;

/**
 * A Modbus request that got no usable answer. Checked: a meter that does not answer is an expected
 * state the poller records (docs/architecture.md "Errors"), not a programming error. One failure is one attempt;
 * {@link ModbusBus} implementations never retry.
 */
public final class ModbusFailure extends Exception {

    /** What went wrong, coarse enough for a poller to choose a back-off. */
    public enum Kind {
        /** No (complete) reply within the bus timeout. */
        TIMEOUT,
        /** A reply arrived but its RTU CRC did not match. */
        CRC,
        /** The slave answered with a Modbus exception response; see {@link #exceptionCode()}. */
        EXCEPTION,
        /** A reply arrived but was malformed or did not match the request. */
        GARBAGE,
        /** The port or connection failed (cannot open, refused, closed). */
        IO
    }

    private final Kind kind;
    private final BusRequest request;
    private final int exceptionCode;

    private ModbusFailure(Kind kind, BusRequest request, int exceptionCode, String detail, Throwable cause) {
        super(request.describe() + ": " + detail, cause);
        this.kind = kind;
        this.request = request;
        this.exceptionCode = exceptionCode;
    }

    /** No reply within {@code timeoutMillis}. */
    public static ModbusFailure timeout(BusRequest request, long timeoutMillis, Throwable cause) {
        return new ModbusFailure(Kind.TIMEOUT, request, 0, "timeout after [" + timeoutMillis + "] ms", cause);
    }

    public static ModbusFailure crc(BusRequest request, String detail, Throwable cause) {
        return new ModbusFailure(Kind.CRC, request, 0, "CRC error [" + detail + "]", cause);
    }

    /** The slave answered with Modbus exception {@code code} (1 illegal function, 2 illegal address...). */
    public static ModbusFailure exception(BusRequest request, int code) {
        return new ModbusFailure(
                Kind.EXCEPTION, request, code, String.format("exception [0x%02X] %s", code, exceptionName(code)), null);
    }

    public static ModbusFailure garbage(BusRequest request, String detail, Throwable cause) {
        return new ModbusFailure(Kind.GARBAGE, request, 0, "malformed reply [" + detail + "]", cause);
    }

    public static ModbusFailure io(BusRequest request, String detail, Throwable cause) {
        return new ModbusFailure(Kind.IO, request, 0, "I/O failure [" + detail + "]", cause);
    }

    public Kind kind() {
        return kind;
    }

    public BusRequest request() {
        return request;
    }

    /** The Modbus exception code, present only for {@link Kind#EXCEPTION}. */
    public OptionalInt exceptionCode() {
        return kind == Kind.EXCEPTION ? OptionalInt.of(exceptionCode) : OptionalInt.empty();
    }

    /** Name of a Modbus exception code per the Modbus application protocol V1.1b3, section 7. */
    public static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "slave device failure";
            case 5 -> "acknowledge";
            case 6 -> "slave device busy";
            case 8 -> "memory parity error";
            case 0x0A -> "gateway path unavailable";
            case 0x0B -> "gateway target device failed to respond";
            default -> "unknown";
        };
    }
}
