package org.hausmeter.bus.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hausmeter.bus.FunctionCode;

/**
 * A {@link RegisterSource} backed by maps: unset registers and coils answer exception 2, writes
 * are accepted only where a holding register or coil was set before. Thread-safe.
 */
public final class InMemoryUnit implements RegisterSource {

    private final Map<Integer, Integer> holding = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> input = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> coils = new ConcurrentHashMap<>();

    /** Sets consecutive registers from {@code address}; words are masked to 16 bits. */
    public InMemoryUnit set(FunctionCode fc, int address, int... words) {
        Map<Integer, Integer> space = fc == FunctionCode.HOLDING ? holding : input;
        for (int i = 0; i < words.length; i++) {
            space.put(address + i, words[i] & 0xFFFF);
        }
        return this;
    }

    public InMemoryUnit setCoils(int address, boolean... states) {
        for (int i = 0; i < states.length; i++) {
            coils.put(address + i, states[i]);
        }
        return this;
    }

    /** Current value, or -1 if unset. */
    public int get(FunctionCode fc, int address) {
        return (fc == FunctionCode.HOLDING ? holding : input).getOrDefault(address, -1);
    }

    public boolean coil(int address) {
        return coils.getOrDefault(address, false);
    }

    @Override
    public int[] read(FunctionCode fc, int address, int count) throws SlaveException {
        Map<Integer, Integer> space = fc == FunctionCode.HOLDING ? holding : input;
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            Integer word = space.get(address + i);
            if (word == null) {
                throw SlaveException.illegalAddress(address, count);
            }
            words[i] = word;
        }
        return words;
    }

    @Override
    public void writeRegister(int address, int value) throws SlaveException {
        if (holding.replace(address, value & 0xFFFF) == null) {
            throw SlaveException.illegalAddress(address, 1);
        }
    }

    @Override
    public boolean[] readCoils(int address, int count) throws SlaveException {
        boolean[] states = new boolean[count];
        for (int i = 0; i < count; i++) {
            Boolean state = coils.get(address + i);
            if (state == null) {
                throw SlaveException.illegalAddress(address, count);
            }
            states[i] = state;
        }
        return states;
    }

    @Override
    public void writeCoil(int address, boolean on) throws SlaveException {
        if (coils.replace(address, on) == null) {
            throw SlaveException.illegalAddress(address, 1);
        }
    }
}
