package org.hausmeter.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Quarter-hour arithmetic on UTC instants, in one place: the 900 s length, boundaries, counting and indexing the
 * quarter hours of a period, and the local day and month boundaries of the building's zone (a local day has 92, 96
 * or 100 quarter hours). Intervals are half-open [start, start + 15 min). Code elsewhere says
 * {@code Intervals.count(from, to)} or {@code Intervals.dayStart(day, zone)}, not {@code / 900} or
 * {@code atStartOfDay(zone)}.
 */
public final class Intervals {

    /** Length of an interval in seconds. */
    public static final long SECONDS = 900;
    /** Length of an interval in milliseconds. */
    public static final long MILLIS = SECONDS * 1000;
    /** Length of an interval. */
    public static final Duration LENGTH = Duration.ofSeconds(SECONDS);

    private Intervals() {}

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

    /** Start of the local month {@code month} in {@code zone} (its first day's start). */
    public static Instant monthStart(YearMonth month, ZoneId zone) {
        return dayStart(month.atDay(1), zone);
    }

    /** The first boundary strictly after {@code t} (the next quarter hour, also when {@code t} is on a boundary). */
    public static Instant next(Instant t) {
        return end(floor(t));
    }

    /** The end of the interval starting at {@code start}. */
    public static Instant end(Instant start) {
        return start.plusSeconds(SECONDS);
    }

    /** How many whole quarter hours lie in [from, to) (rounded down; 0 when {@code to} is not after {@code from}). */
    public static int count(Instant from, Instant to) {
        long s = to.getEpochSecond() - from.getEpochSecond();
        return s <= 0 ? 0 : Math.toIntExact(s / SECONDS);
    }

    /**
     * How many quarter hours of the series starting at {@code from} the span [from, to) touches: {@link #count}
     * rounded up (0 when {@code to} is not after {@code from}).
     */
    public static int countTouched(Instant from, Instant to) {
        long s = to.getEpochSecond() - from.getEpochSecond();
        return s <= 0 ? 0 : Math.toIntExact((s + SECONDS - 1) / SECONDS);
    }

    /** Index of the quarter hour containing {@code t} in a series starting at {@code from} (negative before it). */
    public static long index(Instant from, Instant t) {
        return Math.floorDiv(t.getEpochSecond() - from.getEpochSecond(), SECONDS);
    }

    /** Start of the {@code i}-th quarter hour of a series starting at {@code from}. */
    public static Instant start(Instant from, long i) {
        return from.plusSeconds(SECONDS * i);
    }

    /** Quarter hours in the local day {@code date} of {@code zone}: 96, or 92 / 100 on the DST change days. */
    public static int perDay(LocalDate date, ZoneId zone) {
        return count(dayStart(date, zone), dayStart(date.plusDays(1), zone));
    }

    static void requireBoundary(Instant t, String name) {
        if (!isBoundary(t)) {
            throw new IllegalArgumentException(name + " [" + t + "] is not on a quarter hour");
        }
    }
}
