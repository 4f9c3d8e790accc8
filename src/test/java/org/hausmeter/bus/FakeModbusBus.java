package org.hausmeter.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-memory {@link ModbusBus} for service tests (the test double for the bus, docs/architecture.md "Tests").
 * Never sleeps: a "timeout" fails at once with the configured timeout in its message.
 *
 * <p>Behaviour: a unit id never given registers or coils is silent ({@link ModbusFailure.Kind#TIMEOUT});
 * a known unit answers exception 2 (illegal data address) for any register or coil it does not have.
 * Scripted faults: {@link #failNext} (one-shot, queued per unit) wins over {@link #setFault} (sticky).
 * Every call, failed or not, is appended to {@link #requests()}.
 */
public final class FakeModbusBus implements ModbusBus {

    private record Fault(ModbusFailure.Kind kind, int exceptionCode) {}

    private final String name;
    private final long timeoutMillis;
    private final Set<Integer> units = new HashSet<>();
    private final Map<Long, Integer> registers = new HashMap<>();
    private final Map<Long, Boolean> coils = new HashMap<>();
    private final Map<Integer, Fault> stickyFaults = new HashMap<>();
    private final Map<Integer, Deque<Fault>> nextFaults = new HashMap<>();
    private final List<BusRequest> requests = new ArrayList<>();
    private boolean closed;

    public FakeModbusBus(String name) {
        this(name, 300);
    }

    /** @param timeoutMillis only used in TIMEOUT failure messages */
    public FakeModbusBus(String name, long timeoutMillis) {
        this.name = name;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sets consecutive registers of {@code unitId} starting at {@code address} (words are masked to 16 bits). */
    public synchronized FakeModbusBus withRegisters(int unitId, FunctionCode fc, int address, int... words) {
        units.add(unitId);
        for (int i = 0; i < words.length; i++) {
            registers.put(key(unitId, fc.code(), address + i), words[i] & 0xFFFF);
        }
        return this;
    }

    public synchronized FakeModbusBus withCoils(int unitId, int address, boolean... states) {
        units.add(unitId);
        for (int i = 0; i < states.length; i++) {
            coils.put(key(unitId, 1, address + i), states[i]);
        }
        return this;
    }

    /** Every request to {@code unitId} fails with {@code kind} until {@link #clearFault}. */
    public synchronized FakeModbusBus setFault(int unitId, ModbusFailure.Kind kind) {
        stickyFaults.put(unitId, new Fault(kind, 4));
        return this;
    }

    /** Every request to {@code unitId} gets Modbus exception {@code code} until {@link #clearFault}. */
    public synchronized FakeModbusBus setException(int unitId, int code) {
        stickyFaults.put(unitId, new Fault(ModbusFailure.Kind.EXCEPTION, code));
        return this;
    }

    /** The next request to {@code unitId} fails with {@code kind}; calls queue up. */
    public synchronized FakeModbusBus failNext(int unitId, ModbusFailure.Kind kind) {
        nextFaults.computeIfAbsent(unitId, u -> new ArrayDeque<>()).add(new Fault(kind, 4));
        return this;
    }

    public synchronized FakeModbusBus clearFault(int unitId) {
        stickyFaults.remove(unitId);
        nextFaults.remove(unitId);
        return this;
    }

    /** Current value of a holding or input register, or -1 if unset. */
    public synchronized int register(int unitId, FunctionCode fc, int address) {
        return registers.getOrDefault(key(unitId, fc.code(), address), -1);
    }

    public synchronized boolean coil(int unitId, int address) {
        return coils.getOrDefault(key(unitId, 1, address), false);
    }

    /** Every request so far, in order. */
    public synchronized List<BusRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized int[] readRegisters(int unitId, FunctionCode fc, int address, int count) throws ModbusFailure {
        BusRequest request = begin(BusRequest.readRegisters(name, unitId, fc, address, count));
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            Integer word = registers.get(key(unitId, fc.code(), address + i));
            if (word == null) {
                throw ModbusFailure.exception(request, 2);
            }
            words[i] = word;
        }
        return words;
    }

    @Override
    public synchronized void writeSingleRegister(int unitId, int address, int value) throws ModbusFailure {
        BusRequest request = begin(BusRequest.writeSingleRegister(name, unitId, address, value));
        long key = key(unitId, FunctionCode.HOLDING.code(), address);
        if (!registers.containsKey(key)) {
            throw ModbusFailure.exception(request, 2);
        }
        registers.put(key, value);
    }

    @Override
    public synchronized void writeMultipleRegisters(int unitId, int address, int... values) throws ModbusFailure {
        BusRequest request = begin(BusRequest.writeMultipleRegisters(name, unitId, address, values));
        for (int i = 0; i < values.length; i++) {
            if (!registers.containsKey(key(unitId, FunctionCode.HOLDING.code(), address + i))) {
                throw ModbusFailure.exception(request, 2);
            }
        }
        for (int i = 0; i < values.length; i++) {
            registers.put(key(unitId, FunctionCode.HOLDING.code(), address + i), values[i]);
        }
    }

    @Override
    public synchronized void writeSingleCoil(int unitId, int address, boolean on) throws ModbusFailure {
        BusRequest request = begin(BusRequest.writeSingleCoil(name, unitId, address, on));
        long key = key(unitId, 1, address);
        if (!coils.containsKey(key)) {
            throw ModbusFailure.exception(request, 2);
        }
        coils.put(key, on);
    }

    @Override
    public synchronized boolean[] readCoils(int unitId, int address, int count) throws ModbusFailure {
        BusRequest request = begin(BusRequest.readCoils(name, unitId, address, count));
        boolean[] states = new boolean[count];
        for (int i = 0; i < count; i++) {
            Boolean state = coils.get(key(unitId, 1, address + i));
            if (state == null) {
                throw ModbusFailure.exception(request, 2);
            }
            states[i] = state;
        }
        return states;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private BusRequest begin(BusRequest request) throws ModbusFailure {
        requests.add(request);
        if (closed) {
            throw ModbusFailure.io(request, "bus closed", null);
        }
        Deque<Fault> queued = nextFaults.get(request.unitId());
        Fault fault = queued != null && !queued.isEmpty() ? queued.poll() : stickyFaults.get(request.unitId());
        if (fault != null) {
            throw switch (fault.kind()) {
                case TIMEOUT -> ModbusFailure.timeout(request, timeoutMillis, null);
                case CRC -> ModbusFailure.crc(request, "scripted", null);
                case EXCEPTION -> ModbusFailure.exception(request, fault.exceptionCode());
                case GARBAGE -> ModbusFailure.garbage(request, "scripted", null);
                case IO -> ModbusFailure.io(request, "scripted", null);
            };
        }
        if (!units.contains(request.unitId())) {
            throw ModbusFailure.timeout(request, timeoutMillis, null);
        }
        return request;
    }

    private static long key(int unitId, int space, int address) {
        return ((long) unitId << 24) | ((long) space << 16) | address;
    }
}
