package org.hausmeter.web.resident;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Locale;
import org.hausmeter.tariff.Money;
import org.hausmeter.web.Formats;
import org.hausmeter.web.i18n.Locales;

/**
 * The resident pages' formatting for one request: the conventions of {@link Formats} (German or British
 * numbers and dates, the building's zone), with the formatters made once, since a dashboard formats
 * hundreds of values. Not thread-safe: one instance per request.
 */
final class Fmt {

    final Locale locale;
    final ZoneId zone;
    private final Locale formatting;
    private final NumberFormat[] decimals = new NumberFormat[4];
    private final NumberFormat percent;
    private NumberFormat currency;
    private final DateTimeFormatter fullDate;
    private final DateTimeFormatter mediumDate;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;
    private final DateTimeFormatter month;
    private final DateTimeFormatter monthShort;
    private final DateTimeFormatter weekday;
    private final DateTimeFormatter weekdayDay;
    private final DateTimeFormatter dayMonth;
    private final DateTimeFormatter dayMonthYear;

    Fmt(Locale language, ZoneId zone) {
        this.locale = Locales.of(language);
        this.zone = zone;
        this.formatting = Locales.formatting(locale);
        for (int i = 0; i < decimals.length; i++) {
            NumberFormat f = NumberFormat.getNumberInstance(formatting);
            f.setMinimumFractionDigits(i);
            f.setMaximumFractionDigits(i);
            f.setRoundingMode(RoundingMode.HALF_UP);
            decimals[i] = f;
        }
        percent = NumberFormat.getPercentInstance(formatting);
        percent.setMaximumFractionDigits(0);
        percent.setRoundingMode(RoundingMode.HALF_UP);
        boolean de = locale.getLanguage().equals("de");
        fullDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(formatting);
        mediumDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(formatting);
        dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(formatting);
        time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(formatting);
        month = DateTimeFormatter.ofPattern("LLLL uuuu", formatting);
        monthShort = DateTimeFormatter.ofPattern("LLL", formatting);
        weekday = DateTimeFormatter.ofPattern("EEE", formatting);
        weekdayDay = DateTimeFormatter.ofPattern(de ? "EEE d." : "EEE d", formatting);
        dayMonth = DateTimeFormatter.ofPattern(de ? "EEE d. MMM" : "EEE d MMM", formatting);
        dayMonthYear = DateTimeFormatter.ofPattern(de ? "EEE d. MMM uuuu" : "EEE d MMM uuuu", formatting);
    }

    /** Wh as kWh with {@code digits} decimals: "1.234,5 kWh" / "1,234.5 kWh". */
    String kwh(long wh, int digits) {
        return decimals[digits].format(BigDecimal.valueOf(wh, 3)) + " kWh";
    }

    /** A number of kWh for an axis: as many decimals as it needs (at most 2), no unit. */
    String kwhAxis(double kwh) {
        double r = Math.round(kwh * 100) / 100.0;
        int d = r == Math.rint(r) ? 0 : Math.round(r * 10) / 10.0 == r ? 1 : 2;
        return decimals[d].format(r);
    }

    /** A fraction as a whole percentage: "38 %" / "38%". */
    String percent(double fraction) {
        return percent.format(fraction);
    }

    /** CO2 in grams: kg with 1 decimal, or whole grams below 1 kg. */
    String co2(long grams) {
        return grams >= 1000
                ? decimals[1].format(BigDecimal.valueOf(grams, 3)) + " kg"
                : decimals[0].format(grams) + " g";
    }

    String money(Money m) {
        return money(m.amount(), m.currency());
    }

    /** As {@link Formats#money(BigDecimal, Currency, java.util.Locale)}, with the format made once. */
    String money(BigDecimal amount, Currency c) {
        if (currency == null || !currency.getCurrency().equals(c)) {
            currency = NumberFormat.getCurrencyInstance(formatting);
            currency.setCurrency(c);
            int digits = Math.max(c.getDefaultFractionDigits(), 0);
            currency.setMinimumFractionDigits(digits);
            currency.setMaximumFractionDigits(digits);
            currency.setRoundingMode(RoundingMode.HALF_UP);
        }
        return currency.format(amount);
    }

    String number(long n) {
        return decimals[0].format(n);
    }

    String fullDate(LocalDate d) {
        return fullDate.format(d);
    }

    String date(LocalDate d) {
        return mediumDate.format(d);
    }

    String date(Instant t) {
        return mediumDate.format(t.atZone(zone));
    }

    String dateTime(Instant t) {
        return dateTime.format(t.atZone(zone));
    }

    String time(Instant t) {
        return time.format(t.atZone(zone));
    }

    String month(TemporalAccessor t) {
        return month.format(t);
    }

    String monthShort(TemporalAccessor t) {
        return monthShort.format(t);
    }

    String weekday(TemporalAccessor t) {
        return weekday.format(t);
    }

    String weekdayDay(TemporalAccessor t) {
        return weekdayDay.format(t);
    }

    /** "Mo., 5. Jan. 2026" / "Mon 5 Jan 2026". */
    String dayMonthYear(TemporalAccessor t) {
        return dayMonthYear.format(t);
    }

    String dayMonth(TemporalAccessor t) {
        return dayMonth.format(t);
    }

    /**
     * @return a net amount with its VAT, at the net amount's scale (the currency's, HALF_UP): what a resident pays for one line. The bill's total
     *     VAT is taken per rate on the sum of the net lines, so lines shown this way can differ from it by a cent.
     */
    static BigDecimal gross(BigDecimal net, BigDecimal vatPercent) {
        return net.multiply(BigDecimal.ONE.add(vatPercent.movePointLeft(2)))
                .setScale(net.scale(), RoundingMode.HALF_UP);
    }
}
