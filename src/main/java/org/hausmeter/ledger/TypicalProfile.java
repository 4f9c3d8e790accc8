package org.hausmeter.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A meter's typical consumption shape: one weight per local weekday and local quarter hour of the day
 * (7 × 96 slots), for import and export separately. Used only as relative weights when a gap is spread,
 * never as energy itself, so the counter difference across a gap stays exact.
 *
 * <p>A slot is found from the interval's start in the profile's zone: (weekday, hour × 4 + minute / 15).
 * On the fall-back day both local 02:xx hours use the same slots; on the spring-forward day the skipped
 * slots are simply not asked for.
 */
public final class TypicalProfile {

    /** Slots per week. */
    public static final int SLOTS = 7 * 96;
    /** Default minimum number of distinct local days of usable history before a profile is built. */
    public static final int DEFAULT_MIN_DAYS = 14;

    private final ZoneId zone;
    private final long[] importWeights;
    private final long[] exportWeights;

    private TypicalProfile(ZoneId zone, long[] importWeights, long[] exportWeights) {
        this.zone = zone;
        this.importWeights = importWeights;
        this.exportWeights = exportWeights;
    }

    /**
     * A profile from explicit weights.
     *
     * @param zone          zone whose local weekday and time pick the slot
     * @param importWeights {@link #SLOTS} non-negative weights, index (weekday − 1) × 96 + quarter hour of day
     * @param exportWeights same for export
     */
    public static TypicalProfile of(ZoneId zone, long[] importWeights, long[] exportWeights) {
        Objects.requireNonNull(zone, "zone");
        return new TypicalProfile(zone, check(importWeights), check(exportWeights));
    }

    /** {@link #from(List, ZoneId, int)} with {@link #DEFAULT_MIN_DAYS}. */
    public static Optional<TypicalProfile> from(List<IntervalValue> history, ZoneId zone) {
        return from(history, zone, DEFAULT_MIN_DAYS);
    }

    /**
     * Builds a profile from a meter's past intervals. Only MEASURED, MANUAL and IMPORTED rows count
     * (estimates are not fed back). A slot's weight is the mean energy of its rows in mWh (sum × 1000 /
     * count, rounded down); a slot without rows gets the mean over all rows.
     *
     * @param history past intervals of one meter, any order
     * @param zone    the building's zone
     * @param minDays how many distinct local days must have usable rows
     * @return empty when there is less history than that
     */
    public static Optional<TypicalProfile> from(List<IntervalValue> history, ZoneId zone, int minDays) {
        Objects.requireNonNull(zone, "zone");
        long[] impSum = new long[SLOTS];
        long[] expSum = new long[SLOTS];
        int[] count = new int[SLOTS];
        Set<LocalDate> days = new HashSet<>();
        long impAll = 0;
        long expAll = 0;
        long rows = 0;
        for (IntervalValue v : history) {
            if (v.quality() == IntervalQuality.ESTIMATED) {
                continue;
            }
            ZonedDateTime local = v.intervalStart().atZone(zone);
            days.add(local.toLocalDate());
            int slot = slot(local);
            impSum[slot] += v.importWh();
            expSum[slot] += v.exportWh();
            count[slot]++;
            impAll += v.importWh();
            expAll += v.exportWh();
            rows++;
        }
        if (days.size() < minDays || rows == 0) {
            return Optional.empty();
        }
        long[] imp = new long[SLOTS];
        long[] exp = new long[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            imp[s] = count[s] == 0 ? impAll * 1000 / rows : impSum[s] * 1000 / count[s];
            exp[s] = count[s] == 0 ? expAll * 1000 / rows : expSum[s] * 1000 / count[s];
        }
        return Optional.of(new TypicalProfile(zone, imp, exp));
    }

    /** The zone whose local time picks the slot. */
    public ZoneId zone() {
        return zone;
    }

    /** Relative import weight of the interval starting at {@code intervalStart} (mean mWh of its slot). */
    public long importWeight(Instant intervalStart) {
        return importWeights[slot(intervalStart.atZone(zone))];
    }

    /** Relative export weight of the interval starting at {@code intervalStart} (mean mWh of its slot). */
    public long exportWeight(Instant intervalStart) {
        return exportWeights[slot(intervalStart.atZone(zone))];
    }

    static int slot(ZonedDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 96 + local.getHour() * 4 + local.getMinute() / 15;
    }

    private static long[] check(long[] weights) {
        if (weights.length != SLOTS) {
            throw new IllegalArgumentException("Expected [" + SLOTS + "] weights, got [" + weights.length + "]");
        }
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("Negative profile weight [" + w + "]");
            }
        }
        return weights.clone();
    }
}
