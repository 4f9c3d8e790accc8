package org.hausmeter.ledger.csv;

import java.util.HashMap;
import java.util.Map;
import org.hausmeter.ledger.Intervals;

/**
 * The quarter hours one meter has in a file, each with the line it came from, for duplicate detection in any row
 * order. Memory: 4 bytes per quarter hour in 2048-slot chunks (about 21 days each).
 */
final class QuarterHourSet {
    private static final int SHIFT = 11;
    private static final int MASK = (1 << SHIFT) - 1;
    private final Map<Long, int[]> chunks = new HashMap<>();
    private long lastChunkKey = Long.MIN_VALUE;
    private int[] lastChunk;

    /** Records the quarter hour starting at {@code epochMilli}; returns 0, or the earlier line when already seen. */
    long add(long epochMilli, long line) {
        long q = Math.floorDiv(epochMilli, Intervals.MILLIS);
        long key = q >> SHIFT;
        int[] chunk;
        if (key == lastChunkKey) {
            chunk = lastChunk;
        } else {
            chunk = chunks.computeIfAbsent(key, k -> new int[1 << SHIFT]);
            lastChunkKey = key;
            lastChunk = chunk;
        }
        int slot = (int) (q & MASK);
        if (chunk[slot] != 0) {
            return chunk[slot];
        }
        chunk[slot] = (int) Math.min(line, Integer.MAX_VALUE);
        return 0;
    }
}
