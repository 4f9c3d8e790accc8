package org.hausmeter.tariff;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One time-of-use window of a day: a half-open range of local wall-clock time [from, to) with a price.
 *
 * <p>{@code to} = {@link LocalTime#MIDNIGHT} (00:00) means the end of the day (24:00), so
 * [00:00, 00:00) is the whole day and [22:00, 00:00) the last two hours. A window never wraps past
 * midnight: a night tariff 22:00–06:00 is two windows of the same name, [00:00, 06:00) and
 * [22:00, 00:00). Windows are matched by the local time of an interval's start, so on the day clocks
 * go back the repeated hour is priced twice by the same window, and on the day they go forward the
 * missing hour simply has no intervals.
 *
 * @param name  the window's name, shown on the bill (e.g. {@code "HT"}, {@code "NT"}), not blank
 * @param from  first local time inside, not null
 * @param to    first local time after; 00:00 means 24:00; after {@code from} otherwise
 * @param price the grid energy price in this window, not null
 */
public record TouWindow(String name, LocalTime from, LocalTime to, UnitPrice price) {

    public TouWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(price, "price");
        if (name.isBlank()) {
            throw new TariffValidationException("Time-of-use window [" + from + ", " + to + ") has no name");
        }
        if (!endsAtMidnight(to) && !from.isBefore(to)) {
            throw new TariffValidationException(
                    "Time-of-use window [" + name + "] ends [" + to + "] before it starts [" + from + "]");
        }
    }

    /**
     * @param time a local time, not null
     * @return true when {@code from <= time < to}
     */
    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && (endsAtMidnight(to) || time.isBefore(to));
    }

    /** @return true when the window runs to the end of the day */
    public boolean endsAtEndOfDay() {
        return endsAtMidnight(to);
    }

    private static boolean endsAtMidnight(LocalTime to) {
        return to.equals(LocalTime.MIDNIGHT);
    }

    @Override
    public String toString() {
        return "[" + name + "] [" + from + ", " + (endsAtEndOfDay() ? "24:00" : to.toString()) + ")";
    }
}
