package org.hausmeter.tariff;

import java.time.LocalDateTime;
import java.time.Month;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The grid energy price of a tariff version: flat, or time-of-use by season, day type and local time.
 *
 * <p>Every month belongs to exactly one season and every season's schedules cover the day, so every
 * local date-time has exactly one {@link TouWindow}. A flat price is one all-year season with one
 * all-day window named {@value #FLAT}. All prices share one currency.
 *
 * @param seasons the seasons, covering each month exactly once; order kept
 */
public record GridPrice(List<Season> seasons) {

    /** The window name of a flat price. */
    public static final String FLAT = "flat";

    public GridPrice {
        seasons = List.copyOf(Objects.requireNonNull(seasons, "seasons"));
        Map<Month, Season> byMonth = new EnumMap<>(Month.class);
        Currency currency = null;
        for (Season s : seasons) {
            for (Month m : s.months()) {
                Season other = byMonth.put(m, s);
                if (other != null) {
                    throw new TariffValidationException(
                            "Month [" + m + "] is in seasons [" + other.name() + "] and [" + s.name() + "]");
                }
            }
            for (DaySchedule d : List.of(s.weekdays(), s.weekends())) {
                for (TouWindow w : d.windows()) {
                    if (currency == null) {
                        currency = w.price().currency();
                    } else if (!currency.equals(w.price().currency())) {
                        throw new CurrencyMismatchException(currency, w.price().currency());
                    }
                }
            }
        }
        for (Month m : Month.values()) {
            if (!byMonth.containsKey(m)) {
                throw new TariffValidationException("Month [" + m + "] is in no season");
            }
        }
    }

    /**
     * @param price the price at all times, not null
     * @return a flat grid price
     */
    public static GridPrice flat(UnitPrice price) {
        DaySchedule allDay = DaySchedule.allDay(FLAT, price);
        return new GridPrice(List.of(Season.of("all-year", Month.JANUARY, Month.DECEMBER, allDay, allDay)));
    }

    /**
     * @param seasons the seasons, covering each month exactly once
     * @return a time-of-use grid price
     */
    public static GridPrice timeOfUse(Season... seasons) {
        return new GridPrice(List.of(seasons));
    }

    /** @return the currency of all prices */
    public Currency currency() {
        return seasons.get(0).weekdays().windows().get(0).price().currency();
    }

    /**
     * @param localStart the local wall-clock start of an interval, not null
     * @return the season containing its month
     */
    public Season seasonAt(LocalDateTime localStart) {
        for (Season s : seasons) {
            if (s.months().contains(localStart.getMonth())) {
                return s;
            }
        }
        throw new IllegalStateException("No season for [" + localStart.getMonth() + "]");
    }

    /**
     * @param localStart the local wall-clock start of an interval, not null
     * @return the window whose [from, to) contains its time of day, by season and day type
     */
    public TouWindow windowAt(LocalDateTime localStart) {
        return seasonAt(localStart)
                .schedule(DayType.of(localStart.getDayOfWeek()))
                .windowAt(localStart.toLocalTime());
    }
}
