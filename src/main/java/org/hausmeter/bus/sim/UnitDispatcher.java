package org.hausmeter.bus.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hausmeter.bus.FunctionCode;

/** Turns request PDUs into reply PDUs for the units of one simulated bus; transport-agnostic. */
final class UnitDispatcher {

    private final Map<Integer, RegisterSource> units = new ConcurrentHashMap<>();
    private final Map<Integer, SlaveFault> faults = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    void addUnit(int unitId, RegisterSource source) {
        units.put(unitId, source);
    }

    void removeUnit(int unitId) {
        units.remove(unitId);
    }

    void setFault(int unitId, SlaveFault fault) {
        faults.put(unitId, fault);
    }

    long requests() {
        return requests.get();
    }

    /**
     * @param tcp true to produce the TCP flavour of {@link SlaveFault.Kind#GARBAGE} (a reply for the
     *            wrong function code), false for the RTU flavour (the transport breaks the CRC)
     */
    SlaveReply dispatch(int unitId, byte[] pdu, boolean tcp) {
        requests.incrementAndGet();
        RegisterSource source = units.get(unitId);
        SlaveFault fault = faults.getOrDefault(unitId, SlaveFault.NONE);
        if (source == null || pdu.length == 0 || fault.kind() == SlaveFault.Kind.SILENT) {
            return SlaveReply.SILENT;
        }
        int fc = pdu[0] & 0xFF;
        if (fault.kind() == SlaveFault.Kind.EXCEPTION) {
            return new SlaveReply(exception(fc, fault.exceptionCode()), false);
        }
        byte[] reply;
        try {
            reply = answer(source, fc, pdu);
        } catch (SlaveException e) {
            reply = exception(fc, e.code());
        } catch (RuntimeException e) {
            reply = exception(fc, SlaveException.SLAVE_DEVICE_FAILURE);
        }
        if (fault.kind() == SlaveFault.Kind.GARBAGE) {
            return tcp ? new SlaveReply(wrongFunction(fc), false) : new SlaveReply(reply, true);
        }
        return new SlaveReply(reply, false);
    }

    private static byte[] answer(RegisterSource source, int fc, byte[] pdu) throws SlaveException {
        if (fc == 16) {
            return writeMultiple(source, pdu);
        }
        if (fc < 1 || fc > 6 || fc == 2 || pdu.length != 5) {
            throw new SlaveException(SlaveException.ILLEGAL_FUNCTION, "Function [" + fc + "] not supported");
        }
        int address = word(pdu, 1);
        int arg = word(pdu, 3);
        switch (fc) {
            case 3, 4 -> {
                if (arg < 1 || arg > 125) {
                    throw new SlaveException(SlaveException.ILLEGAL_DATA_VALUE, "Count [" + arg + "]");
                }
                int[] words = source.read(fc == 3 ? FunctionCode.HOLDING : FunctionCode.INPUT, address, arg);
                if (words == null || words.length != arg) {
                    throw new SlaveException(SlaveException.SLAVE_DEVICE_FAILURE, "Source returned wrong count");
                }
                byte[] reply = new byte[2 + 2 * arg];
                reply[0] = (byte) fc;
                reply[1] = (byte) (2 * arg);
                for (int i = 0; i < arg; i++) {
                    reply[2 + 2 * i] = (byte) (words[i] >>> 8);
                    reply[3 + 2 * i] = (byte) words[i];
                }
                return reply;
            }
            case 1 -> {
                if (arg < 1 || arg > 2000) {
                    throw new SlaveException(SlaveException.ILLEGAL_DATA_VALUE, "Count [" + arg + "]");
                }
                boolean[] states = source.readCoils(address, arg);
                if (states == null || states.length != arg) {
                    throw new SlaveException(SlaveException.SLAVE_DEVICE_FAILURE, "Source returned wrong count");
                }
                byte[] reply = new byte[2 + (arg + 7) / 8];
                reply[0] = 1;
                reply[1] = (byte) ((arg + 7) / 8);
                for (int i = 0; i < arg; i++) {
                    if (states[i]) {
                        reply[2 + i / 8] |= (byte) (1 << (i % 8));
                    }
                }
                return reply;
            }
            case 5 -> {
                if (arg != 0xFF00 && arg != 0x0000) {
                    throw new SlaveException(SlaveException.ILLEGAL_DATA_VALUE, "Coil value [" + arg + "]");
                }
                source.writeCoil(address, arg == 0xFF00);
                return pdu.clone();
            }
            default -> {
                source.writeRegister(address, arg);
                return pdu.clone();
            }
        }
    }

    /** FC16: address, count (1–123), byte count, words; each word goes to {@link RegisterSource#writeRegister}. */
    private static byte[] writeMultiple(RegisterSource source, byte[] pdu) throws SlaveException {
        if (pdu.length < 6) {
            throw new SlaveException(SlaveException.ILLEGAL_DATA_VALUE, "FC16 request too short");
        }
        int address = word(pdu, 1);
        int count = word(pdu, 3);
        int bytes = pdu[5] & 0xFF;
        if (count < 1 || count > 123 || bytes != 2 * count || pdu.length != 6 + bytes) {
            throw new SlaveException(
                    SlaveException.ILLEGAL_DATA_VALUE, "FC16 count [" + count + "] / bytes [" + bytes + "]");
        }
        for (int i = 0; i < count; i++) {
            source.writeRegister(address + i, word(pdu, 6 + 2 * i));
        }
        return java.util.Arrays.copyOf(pdu, 5);
    }

    private static byte[] exception(int fc, int code) {
        return new byte[] {(byte) (fc | 0x80), (byte) code};
    }

    /** A well-formed register read reply, but for the other read function code than asked. */
    private static byte[] wrongFunction(int fc) {
        return new byte[] {(byte) (fc == 4 ? 3 : 4), 2, (byte) 0xDE, (byte) 0xAD};
    }

    private static int word(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
