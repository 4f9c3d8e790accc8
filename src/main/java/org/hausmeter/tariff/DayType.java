package org.hausmeter.tariff;

import java.time.DayOfWeek;

/** Which schedule of a season applies on a local day. Public holidays are not distinguished. */
public enum DayType {
    /** Monday to Friday. */
    WEEKDAY,
    /** Saturday and Sunday. */
    WEEKEND;

    /**
     * @param day a day of the week, not null
     * @return WEEKEND for Saturday and Sunday, WEEKDAY otherwise
     */
    public static DayType of(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
    }
}
