package org.hausmeter.tariff;

import java.time.Month;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A season of a time-of-use tariff: a set of calendar months with one schedule for weekdays and one
 * for weekends.
 *
 * @param name     the season's name, e.g. {@code "winter"}, not blank
 * @param months   the months of the season, not empty
 * @param weekdays the windows Monday to Friday, not null
 * @param weekends the windows Saturday and Sunday, not null
 */
public record Season(String name, Set<Month> months, DaySchedule weekdays, DaySchedule weekends) {

    public Season {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(months, "months");
        Objects.requireNonNull(weekdays, "weekdays");
        Objects.requireNonNull(weekends, "weekends");
        if (name.isBlank() || months.isEmpty()) {
            throw new TariffValidationException("Season [" + name + "] needs a name and at least one month");
        }
        months = Collections.unmodifiableSet(EnumSet.copyOf(months));
    }

    /**
     * A season over a range of months, both ends included, wrapping over the new year when
     * {@code last} comes before {@code first} (OCTOBER..MARCH is six months).
     *
     * @param name     the season's name
     * @param first    the first month, included
     * @param last     the last month, included
     * @param weekdays the windows Monday to Friday
     * @param weekends the windows Saturday and Sunday
     * @return the season
     */
    public static Season of(String name, Month first, Month last, DaySchedule weekdays, DaySchedule weekends) {
        EnumSet<Month> months = EnumSet.noneOf(Month.class);
        Month m = first;
        months.add(m);
        while (m != last) {
            m = m.plus(1);
            months.add(m);
        }
        return new Season(name, months, weekdays, weekends);
    }

    /**
     * @param dayType weekday or weekend, not null
     * @return the schedule for that kind of day
     */
    public DaySchedule schedule(DayType dayType) {
        return dayType == DayType.WEEKEND ? weekends : weekdays;
    }
}
