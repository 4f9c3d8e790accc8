package org.hausmeter.ledger.csv;

import java.util.Arrays;

/**
 * The counter readings one meter has in a file, sorted by time, for duplicate and backward-step detection in any row
 * order, keyed by epoch millisecond. Memory: 32 bytes per reading.
 */
final class CounterHistory {
    static final long NO_EXPORT = Long.MIN_VALUE;
    private long[] times = new long[16];
    private long[] imports = new long[16];
    private long[] exports = new long[16];
    private long[] lines = new long[16];
    private int size;

    /** Index of {@code epochMilli}, or {@code -(insertion point) - 1}. */
    int find(long epochMilli) {
        if (size > 0 && times[size - 1] < epochMilli) {
            return -size - 1;
        }
        return Arrays.binarySearch(times, 0, size, epochMilli);
    }

    long line(int i) {
        return lines[i];
    }

    long time(int i) {
        return times[i];
    }

    long importWh(int i) {
        return imports[i];
    }

    long exportWh(int i) {
        return exports[i];
    }

    int size() {
        return size;
    }

    void insert(int at, long epochMilli, long importWh, long exportWh, long line) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            imports = Arrays.copyOf(imports, n);
            exports = Arrays.copyOf(exports, n);
            lines = Arrays.copyOf(lines, n);
        }
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(times, at, times, at + 1, tail);
            System.arraycopy(imports, at, imports, at + 1, tail);
            System.arraycopy(exports, at, exports, at + 1, tail);
            System.arraycopy(lines, at, lines, at + 1, tail);
        }
        times[at] = epochMilli;
        imports[at] = importWh;
        exports[at] = exportWh;
        lines[at] = line;
        size++;
    }
}
