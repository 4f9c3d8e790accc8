package org.hausmeter.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Quarter-hour arithmetic on UTC instants. Intervals are half-open [start, start + 15 min). */
public final class Intervals {

    /** Length of an interval in seconds. */
    public static final long SECONDS = 900;
    /** Length of an interval in milliseconds. */
    public static final long MILLIS = SECONDS * 1000;

    private Intervals() {
    }

    /** True when the instant is a quarter-hour boundary (whole seconds, epoch second divisible by 900). */
    public static boolean isBoundary(Instant t) {
        return t.getNano() == 0 && Math.floorMod(t.getEpochSecond(), SECONDS) == 0;
    }

    /** The start of the interval containing {@code t}. */
    public static Instant floor(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), SECONDS) * SECONDS);
    }

    /** Start of the local day {@code date} in {@code zone}: [dayStart(date), dayStart(date + 1)) holds 92, 96 or 100 intervals. */
    public static Instant dayStart(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    static void requireBoundary(Instant t, String name) {
        if (!isBoundary(t)) {
            throw new IllegalArgumentException(name + " [" + t + "] is not on a quarter hour");
        }
    }
}
