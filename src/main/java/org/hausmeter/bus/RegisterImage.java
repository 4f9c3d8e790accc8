package org.hausmeter.bus;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Raw 16-bit words of one device, by function code and address: what was read in one poll
 * cycle (for decoding) or what a simulator serves (from encoding). Immutable; words are
 * unsigned 0..65535.
 */
public final class RegisterImage {

    private final Map<FunctionCode, TreeMap<Integer, Integer>> words;

    private RegisterImage(Map<FunctionCode, TreeMap<Integer, Integer>> words) {
        this.words = words;
    }

    /** An image without any word. */
    public static RegisterImage empty() {
        return new RegisterImage(new EnumMap<>(FunctionCode.class));
    }

    /** The words of one read block starting at {@code start}. */
    public static RegisterImage of(FunctionCode function, int start, int[] block) {
        return empty().with(function, start, block);
    }

    /**
     * A copy with {@code block} placed at {@code start}, replacing words already there.
     *
     * @throws IllegalArgumentException if a word is outside 0..65535 or the block leaves 0..65535
     */
    public RegisterImage with(FunctionCode function, int start, int[] block) {
        if (start < 0 || start + block.length > 65536) {
            throw new IllegalArgumentException("block [" + start + "+" + block.length + "] leaves 0..65535");
        }
        Map<FunctionCode, TreeMap<Integer, Integer>> copy = new EnumMap<>(FunctionCode.class);
        words.forEach((fc, m) -> copy.put(fc, new TreeMap<>(m)));
        TreeMap<Integer, Integer> target = copy.computeIfAbsent(function, fc -> new TreeMap<>());
        for (int i = 0; i < block.length; i++) {
            if (block[i] < 0 || block[i] > 0xFFFF) {
                throw new IllegalArgumentException(
                        "word [" + block[i] + "] at [" + Register.hex(start + i) + "] is not 0..65535");
            }
            target.put(start + i, block[i]);
        }
        return new RegisterImage(copy);
    }

    /** A copy with one word set. */
    public RegisterImage with(FunctionCode function, int address, int word) {
        return with(function, address, new int[] {word});
    }

    /** The word at {@code address}, if present. */
    public OptionalInt word(FunctionCode function, int address) {
        TreeMap<Integer, Integer> m = words.get(function);
        Integer w = m == null ? null : m.get(address);
        return w == null ? OptionalInt.empty() : OptionalInt.of(w);
    }

    /**
     * {@code count} words from {@code start}, as a simulator would answer a read.
     *
     * @throws IllegalArgumentException if any of them is absent (a slave answers with exception 2)
     */
    public int[] read(FunctionCode function, int start, int count) {
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            int address = start + i;
            result[i] = word(function, address)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no word at [" + Register.hex(address) + "] for function [" + function + "]"));
        }
        return result;
    }

    /** All words of one function code, address to word, ascending. */
    public Map<Integer, Integer> words(FunctionCode function) {
        return java.util.Collections.unmodifiableMap(words.getOrDefault(function, new TreeMap<>()));
    }
}
