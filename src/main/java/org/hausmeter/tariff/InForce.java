package org.hausmeter.tariff;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * "The tariff in force on a day", in one place: a version applies from its {@code validFrom} (included) to the
 * next version's {@code validFrom} (excluded), the last one without end; before the first none applies. Used by
 * {@link TariffBook#versionAt(LocalDate)} and by everything that holds versions with more attached (the stored
 * tariffs with their allocation keys).
 */
public final class InForce {

    private InForce() {}

    /**
     * @param versions  versions ordered by {@code validFrom}, ascending
     * @param validFrom a version's first day
     * @param day       the local day
     * @param <T>       what a version is
     * @return the version with the latest {@code validFrom} not after {@code day}, or null before the first
     */
    public static <T> T on(List<T> versions, Function<T, LocalDate> validFrom, LocalDate day) {
        T found = null;
        for (T v : versions) {
            if (validFrom.apply(v).isAfter(day)) {
                break;
            }
            found = v;
        }
        return found;
    }
}
