package org.hausmeter.tariff;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Maps a quarter-hour interval to its tariff version and grid window.
 *
 * <p>DST-safe by construction: intervals are identified by their start {@link Instant}; the version is
 * chosen by the local date and the window by the local time of that start in the building's zone. On a
 * 92-interval spring day no interval starts at 02:xx local; on a 100-interval autumn day the four
 * intervals of 02:xx local occur twice and are priced twice by the same window.
 */
public final class TariffPricer {

    private TariffPricer() {}

    /**
     * @param book          the building's tariff versions, not null
     * @param intervalStart the interval's start instant, not null
     * @param zone          the building's zone, not null
     * @return version, season and window applying to the interval
     * @throws NoTariffException when no version is valid on the local start date
     */
    public static PricedInterval priceAt(TariffBook book, Instant intervalStart, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(intervalStart, zone);
        TariffVersion version = book.versionAt(local.toLocalDate());
        Season season = version.gridPrice().seasonAt(local);
        TouWindow window = season.schedule(DayType.of(local.getDayOfWeek())).windowAt(local.toLocalTime());
        return new PricedInterval(version, season, window);
    }
}
