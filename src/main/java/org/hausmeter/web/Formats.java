package org.hausmeter.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.hausmeter.tariff.Money;
import org.hausmeter.web.i18n.LocaleInitializer;
import org.hausmeter.web.i18n.Locales;

/**
 * Formatting for pages, as Qute template extensions: every method reads the template's
 * {@code locale} attribute (set for every page by {@link LocaleInitializer}) and, for times, its
 * {@code zone} attribute (the building's zone). The static {@code *(…, Locale)} variants serve Java code
 * that formats outside a template (e.g. Server-Sent Events).
 * <p>
 * In templates, on a value of the named type:
 * <ul>
 * <li>{@code {wh.kwh}} – long Wh as kWh, 1 decimal: "1.234,5 kWh" / "1,234.5 kWh"; {@code {wh.kwh(3)}} with 3 decimals</li>
 * <li>{@code {w.kw}} – long W as kW, 1 decimal: "3,2 kW"</li>
 * <li>{@code {n.number}} – long with grouping: "12.345" / "12,345"</li>
 * <li>{@code {money.money}} – tariff {@link Money}: "12,34 €" / "€12.34";
 *     {@code {amount.money(currency)}} – BigDecimal with a {@link Currency} or ISO code</li>
 * <li>{@code {fraction.percent}} – double or BigDecimal fraction (0.125) as "12,5 %" / "12.5%"</li>
 * <li>{@code {instant.dateTime}}, {@code {instant.date}}, {@code {instant.time}} – an Instant in the
 *     building's zone: "12.03.2025, 14:05" / "12 Mar 2025, 14:05"; {@code {localDate.date}},
 *     {@code {yearMonth.month}} ("März 2025" / "March 2025")</li>
 * </ul>
 */
@TemplateExtension
public final class Formats {

    private Formats() {}

    // --- URLs ---

    /** A text as one URL path segment, percent-encoded (a space is {@code %20}): {@code {apartment.code.seg}}. */
    public static String seg(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    // --- energy and power ---

    static String kwh(long wh, @TemplateAttribute("locale") Object locale) {
        return kwh(wh, 1, Locales.of(locale));
    }

    static String kwh(long wh, int decimals, @TemplateAttribute("locale") Object locale) {
        return kwh(wh, decimals, Locales.of(locale));
    }

    public static String kwh(long wh, int decimals, Locale locale) {
        return decimal(BigDecimal.valueOf(wh, 3), decimals, locale) + " kWh";
    }

    static String kw(long w, @TemplateAttribute("locale") Object locale) {
        return kw(w, Locales.of(locale));
    }

    public static String kw(long w, Locale locale) {
        return decimal(BigDecimal.valueOf(w, 3), 1, locale) + " kW";
    }

    static String number(long n, @TemplateAttribute("locale") Object locale) {
        return NumberFormat.getIntegerInstance(Locales.formatting(Locales.of(locale)))
                .format(n);
    }

    // --- money and ratios ---

    static String money(Money money, @TemplateAttribute("locale") Object locale) {
        return money(money.amount(), money.currency(), Locales.of(locale));
    }

    static String money(BigDecimal amount, Object currency, @TemplateAttribute("locale") Object locale) {
        Currency c = currency instanceof Currency cur ? cur : Currency.getInstance(currency.toString());
        return money(amount, c, Locales.of(locale));
    }

    public static String money(BigDecimal amount, Currency currency, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locales.formatting(locale));
        f.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }

    static String percent(double fraction, @TemplateAttribute("locale") Object locale) {
        return percent(BigDecimal.valueOf(fraction), Locales.of(locale));
    }

    static String percent(BigDecimal fraction, @TemplateAttribute("locale") Object locale) {
        return percent(fraction, Locales.of(locale));
    }

    public static String percent(BigDecimal fraction, Locale locale) {
        NumberFormat f = NumberFormat.getPercentInstance(Locales.formatting(locale));
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(1);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(fraction);
    }

    // --- dates and times, in the building's zone ---

    static String dateTime(
            Instant t, @TemplateAttribute("locale") Object locale, @TemplateAttribute("zone") Object zone) {
        return dateTime(t, Locales.of(locale), zone(zone));
    }

    public static String dateTime(Instant t, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locales.formatting(locale))
                .format(t.atZone(zone));
    }

    static String date(Instant t, @TemplateAttribute("locale") Object locale, @TemplateAttribute("zone") Object zone) {
        return date(t.atZone(zone(zone)).toLocalDate(), Locales.of(locale));
    }

    static String date(LocalDate d, @TemplateAttribute("locale") Object locale) {
        return date(d, Locales.of(locale));
    }

    public static String date(LocalDate d, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(Locales.formatting(locale))
                .format(d);
    }

    static String time(Instant t, @TemplateAttribute("locale") Object locale, @TemplateAttribute("zone") Object zone) {
        return time(t, Locales.of(locale), zone(zone));
    }

    public static String time(Instant t, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(Locales.formatting(locale))
                .format(t.atZone(zone));
    }

    static String month(YearMonth m, @TemplateAttribute("locale") Object locale) {
        return month(m, Locales.of(locale));
    }

    public static String month(YearMonth m, Locale locale) {
        return DateTimeFormatter.ofPattern("LLLL uuuu", Locales.formatting(locale))
                .format(m);
    }

    private static String decimal(BigDecimal value, int decimals, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(Locales.formatting(locale));
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }

    private static ZoneId zone(Object attribute) {
        if (attribute instanceof ZoneId z) {
            return z;
        }
        if (attribute != null) {
            return ZoneId.of(attribute.toString());
        }
        return Arc.container().instance(SiteSettings.class).get().zone();
    }
}
