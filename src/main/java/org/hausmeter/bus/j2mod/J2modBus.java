package org.hausmeter.bus.j2mod;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.hausmeter.bus.BusRequest;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;

/**
 * Shared request/response handling of the j2mod adapters: one transaction per call with j2mod's
 * retries set to one attempt, a minimum pause between requests, and the mapping of j2mod exceptions
 * to {@link ModbusFailure} kinds. All calls are serialised on the bus object.
 */
abstract class J2modBus implements ModbusBus {

    private final String name;
    private final Duration timeout;
    private final long minPauseNanos;
    private long lastEndNanos;
    private boolean anyRequest;
    private boolean closed;

    J2modBus(String name, Duration timeout, Duration minPause) {
        if (timeout.toMillis() < 1 || minPause.isNegative()) {
            throw new IllegalArgumentException(
                    "Bus [" + name + "] timeout [" + timeout + "] / pause [" + minPause + "] invalid");
        }
        this.name = name;
        this.timeout = timeout;
        this.minPauseNanos = minPause.toNanos();
    }

    /**
     * Sends one request and returns the reply (exception replies included) in one attempt.
     *
     * @throws ModbusFailure for connection and framing failures the transport detects itself
     * @throws ModbusException for failures reported by j2mod
     */
    abstract ModbusResponse exchange(BusRequest request, ModbusRequest j2modRequest)
            throws ModbusFailure, ModbusException;

    /** Runs a j2mod transaction (configured for one attempt) and returns its response. */
    static ModbusResponse execute(ModbusTransaction transaction, ModbusRequest j2modRequest) throws ModbusException {
        transaction.setRequest(j2modRequest);
        transaction.execute();
        return transaction.getResponse();
    }

    /** Drops the connection; the next call reconnects. */
    abstract void disconnect();

    /** Called after every failed request, before the failure is thrown. */
    abstract void afterFailure(ModbusFailure.Kind kind);

    @Override
    public String name() {
        return name;
    }

    /** Response timeout of one request. */
    public Duration timeout() {
        return timeout;
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public synchronized int[] readRegisters(int unitId, FunctionCode fc, int address, int count) throws ModbusFailure {
        BusRequest request = BusRequest.readRegisters(name, unitId, fc, address, count);
        ModbusResponse response = execute(
                request,
                fc == FunctionCode.INPUT
                        ? new ReadInputRegistersRequest(address, count)
                        : new ReadMultipleRegistersRequest(address, count));
        int[] words = new int[count];
        if (fc == FunctionCode.INPUT && response instanceof ReadInputRegistersResponse r && r.getWordCount() == count) {
            for (int i = 0; i < count; i++) {
                words[i] = r.getRegisterValue(i) & 0xFFFF;
            }
        } else if (fc == FunctionCode.HOLDING
                && response instanceof ReadMultipleRegistersResponse r
                && r.getWordCount() == count) {
            for (int i = 0; i < count; i++) {
                words[i] = r.getRegisterValue(i) & 0xFFFF;
            }
        } else {
            throw unexpected(request, response);
        }
        return words;
    }

    @Override
    public synchronized void writeSingleRegister(int unitId, int address, int value) throws ModbusFailure {
        BusRequest request = BusRequest.writeSingleRegister(name, unitId, address, value);
        ModbusResponse response = execute(request, new WriteSingleRegisterRequest(address, new SimpleRegister(value)));
        if (!(response instanceof WriteSingleRegisterResponse r)
                || r.getReference() != address
                || (r.getRegisterValue() & 0xFFFF) != value) {
            throw unexpected(request, response);
        }
    }

    @Override
    public synchronized void writeMultipleRegisters(int unitId, int address, int... values) throws ModbusFailure {
        BusRequest request = BusRequest.writeMultipleRegisters(name, unitId, address, values);
        com.ghgande.j2mod.modbus.procimg.Register[] registers =
                new com.ghgande.j2mod.modbus.procimg.Register[values.length];
        for (int i = 0; i < values.length; i++) {
            registers[i] = new SimpleRegister(values[i]);
        }
        ModbusResponse response = execute(request, new WriteMultipleRegistersRequest(address, registers));
        if (!(response instanceof WriteMultipleRegistersResponse r)
                || r.getReference() != address
                || r.getWordCount() != values.length) {
            throw unexpected(request, response);
        }
    }

    @Override
    public synchronized void writeSingleCoil(int unitId, int address, boolean on) throws ModbusFailure {
        BusRequest request = BusRequest.writeSingleCoil(name, unitId, address, on);
        ModbusResponse response = execute(request, new WriteCoilRequest(address, on));
        if (!(response instanceof WriteCoilResponse r) || r.getReference() != address || r.getCoil() != on) {
            throw unexpected(request, response);
        }
    }

    @Override
    public synchronized boolean[] readCoils(int unitId, int address, int count) throws ModbusFailure {
        BusRequest request = BusRequest.readCoils(name, unitId, address, count);
        ModbusResponse response = execute(request, new ReadCoilsRequest(address, count));
        if (!(response instanceof ReadCoilsResponse r) || r.getCoils().byteSize() != (count + 7) / 8) {
            throw unexpected(request, response);
        }
        boolean[] states = new boolean[count];
        for (int i = 0; i < count; i++) {
            states[i] = r.getCoilStatus(i);
        }
        return states;
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }

    private ModbusResponse execute(BusRequest request, ModbusRequest j2modRequest) throws ModbusFailure {
        if (closed) {
            throw ModbusFailure.io(request, "bus closed", null);
        }
        pause();
        try {
            j2modRequest.setUnitID(request.unitId());
            ModbusResponse response = exchange(request, j2modRequest);
            if (response instanceof ExceptionResponse e) {
                throw ModbusFailure.exception(request, e.getExceptionCode());
            }
            return response;
        } catch (ModbusFailure e) {
            afterFailure(e.kind());
            throw e;
        } catch (ModbusSlaveException e) {
            throw ModbusFailure.exception(request, e.getType());
        } catch (ModbusIOException e) {
            ModbusFailure failure = failed(request, e);
            afterFailure(failure.kind());
            throw failure;
        } catch (ModbusException | RuntimeException e) {
            afterFailure(ModbusFailure.Kind.GARBAGE);
            throw ModbusFailure.garbage(request, String.valueOf(e.getMessage()), e);
        } finally {
            lastEndNanos = System.nanoTime();
            anyRequest = true;
        }
    }

    /**
     * j2mod reports everything but exception responses as {@link ModbusIOException} and keeps the
     * cause only in the message, so the kind is read from j2mod 3.2.1's message texts.
     */
    private ModbusFailure failed(BusRequest request, ModbusIOException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("crc")) {
            return ModbusFailure.crc(request, message, e);
        }
        if (lower.contains("truncated") || lower.contains("premature end")) {
            return ModbusFailure.garbage(request, message, e);
        }
        if (lower.contains("timeout") || lower.contains("cannot read from serial port")) {
            return ModbusFailure.timeout(request, timeout.toMillis(), e);
        }
        return ModbusFailure.io(request, message, e);
    }

    private ModbusFailure unexpected(BusRequest request, ModbusResponse response) {
        afterFailure(ModbusFailure.Kind.GARBAGE);
        String got =
                response == null ? "no response" : response.getClass().getSimpleName() + " " + response.getHexMessage();
        return ModbusFailure.garbage(request, got, null);
    }

    /** Sleeps out the rest of the minimum pause since the previous request ended (any outcome). */
    private void pause() {
        if (!anyRequest) {
            return;
        }
        long deadline = lastEndNanos + minPauseNanos;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
