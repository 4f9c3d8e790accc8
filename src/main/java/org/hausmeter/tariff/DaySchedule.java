package org.hausmeter.tariff;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The time-of-use windows of one kind of day. They must cover the day [00:00, 24:00) exactly: no gap,
 * no overlap; otherwise construction fails with a {@link TariffValidationException} naming the gap or
 * the two overlapping windows.
 *
 * @param windows the windows, in any order; held sorted by start time
 */
public record DaySchedule(List<TouWindow> windows) {

    public DaySchedule {
        Objects.requireNonNull(windows, "windows");
        List<TouWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(TouWindow::from));
        validate(sorted);
        windows = List.copyOf(sorted);
    }

    /**
     * @param windows the windows, in any order
     * @return the schedule
     */
    public static DaySchedule of(TouWindow... windows) {
        return new DaySchedule(List.of(windows));
    }

    /**
     * @param name  the window's name
     * @param price the price all day
     * @return one window [00:00, 24:00)
     */
    public static DaySchedule allDay(String name, UnitPrice price) {
        return of(new TouWindow(name, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, price));
    }

    private static void validate(List<TouWindow> sorted) {
        if (sorted.isEmpty()) {
            throw new TariffValidationException("Time-of-use windows leave a gap [00:00, 24:00): no window");
        }
        LocalTime covered = LocalTime.MIDNIGHT;
        TouWindow previous = null;
        for (TouWindow w : sorted) {
            if (previous != null && previous.endsAtEndOfDay()) {
                throw new TariffValidationException("Time-of-use windows " + previous + " and " + w + " overlap");
            }
            if (w.from().isBefore(covered)) {
                throw new TariffValidationException("Time-of-use windows " + previous + " and " + w + " overlap");
            }
            if (w.from().isAfter(covered)) {
                throw new TariffValidationException(
                        "Time-of-use windows leave a gap [" + covered + ", " + w.from() + ")");
            }
            covered = w.to();
            previous = w;
        }
        if (!previous.endsAtEndOfDay()) {
            throw new TariffValidationException("Time-of-use windows leave a gap [" + covered + ", 24:00)");
        }
    }

    /**
     * @param time a local time, not null
     * @return the one window containing it
     */
    public TouWindow windowAt(LocalTime time) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            TouWindow w = windows.get(i);
            if (!time.isBefore(w.from())) {
                return w;
            }
        }
        throw new IllegalStateException("No window at [" + time + "]");
    }
}
