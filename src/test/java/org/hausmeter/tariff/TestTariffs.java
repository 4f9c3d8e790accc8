package org.hausmeter.tariff;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.Currency;

/** Tariff fixtures shared by the tariff and billing tests. */
public final class TestTariffs {

    public static final Currency EUR = Currency.getInstance("EUR");
    public static final VatRate VAT_19 = VatRate.of("19");

    private TestTariffs() {}

    public static UnitPrice eur(String perKwh) {
        return UnitPrice.of(EUR, perKwh);
    }

    public static LocalTime at(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    /** NT [00:00, 06:00), HT [06:00, 22:00), NT [22:00, 24:00). */
    public static DaySchedule ntHt(String nt, String ht) {
        return DaySchedule.of(
                new TouWindow("NT", at("00:00"), at("06:00"), eur(nt)),
                new TouWindow("HT", at("06:00"), at("22:00"), eur(ht)),
                new TouWindow("NT", at("22:00"), at("00:00"), eur(nt)));
    }

    /** Same NT/HT windows on every day and in every month. */
    public static GridPrice ntHtAllYear(String nt, String ht) {
        return GridPrice.timeOfUse(Season.of("all-year", Month.JANUARY, Month.DECEMBER, ntHt(nt, ht), ntHt(nt, ht)));
    }

    public static TariffVersion version(LocalDate validFrom, GridPrice grid, String baseFee) {
        return new TariffVersion(
                validFrom,
                grid,
                eur("0.1825"),
                Money.of(EUR, baseFee),
                eur("0.2000"),
                eur("0.3400"),
                eur("0.0803"),
                VAT_19);
    }

    public static TariffVersion flat(LocalDate validFrom, String perKwh, String baseFee) {
        return version(validFrom, GridPrice.flat(eur(perKwh)), baseFee);
    }
}
