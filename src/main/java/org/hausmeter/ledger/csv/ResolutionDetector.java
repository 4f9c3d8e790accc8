package org.hausmeter.ledger.csv;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** Detects an interval file's {@link Resolution} while its values stream by: constant memory per meter. */
final class ResolutionDetector {
    private final Map<Long, long[]> perMeter = new HashMap<>();
    private long gcd;
    private boolean allMidnight = true;
    private long values;

    /** One accepted interval start of a meter, in any order. */
    void add(long meterId, Instant start, ZoneId zone) {
        values++;
        long s = start.getEpochSecond();
        long[] first = perMeter.get(meterId);
        if (first == null) {
            perMeter.put(meterId, new long[] {s});
        } else if (s != first[0]) {
            gcd = gcd(gcd, Math.abs(s - first[0]));
        }
        if (allMidnight && zone != null && !start.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            allMidnight = false;
        }
    }

    /** Quarter hours when no meter has two values (nothing to tell from). */
    Resolution resolution() {
        if (gcd == 0) {
            return Resolution.QUARTER_HOUR;
        }
        if (allMidnight && gcd >= 3600) {
            return Resolution.DAILY;
        }
        return new Resolution(gcd, false);
    }

    long values() {
        return values;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
