package org.hausmeter.web.caretaker;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import org.hausmeter.web.i18n.Locales;

/**
 * Formatting the caretaker's pages need beyond {@link org.hausmeter.web.Formats} (prefixed {@code ct}
 * so the names stay apart from other extensions): decimals as stored (bill quantities), unit prices
 * with their 4 decimals, and Wh as a plain kWh value for form fields.
 */
@TemplateExtension
final class CaretakerFormats {

    private CaretakerFormats() {}

    /** {@code {qty.ctNum(3)}}: "1.234,500" / "1,234.500". */
    static String ctNum(BigDecimal value, int decimals, @TemplateAttribute("locale") Object locale) {
        NumberFormat f = NumberFormat.getNumberInstance(Locales.formatting(Locales.of(locale)));
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }

    /** {@code {price.ctPrice(currency)}}: a price per kWh with at least 4 decimals, "0,2650 €" / "€0.2650". */
    static String ctPrice(BigDecimal perKwh, Object currency, @TemplateAttribute("locale") Object locale) {
        Currency c = currency instanceof Currency cur ? cur : Currency.getInstance(currency.toString());
        NumberFormat f = NumberFormat.getCurrencyInstance(Locales.formatting(Locales.of(locale)));
        f.setCurrency(c);
        int decimals = Math.max(4, perKwh.stripTrailingZeros().scale());
        f.setMinimumFractionDigits(4);
        f.setMaximumFractionDigits(decimals);
        return f.format(perKwh);
    }

    /** {@code {vat.ctPct}}: a percent value (19.00) as "19 %" / "19%". */
    static String ctPct(BigDecimal percent, @TemplateAttribute("locale") Object locale) {
        return org.hausmeter.web.Formats.percent(percent.movePointLeft(2), Locales.of(locale));
    }

    /** {@code {n.ctStr}}: any value as text, for message parameters (which are strings). */
    static String ctStr(Object value) {
        return String.valueOf(value);
    }

    /** {@code {ym.ctMonth}}: "Oktober 2026" / "October 2026" ({@code month} would be YearMonth's own getMonth()). */
    static String ctMonth(java.time.YearMonth month, @TemplateAttribute("locale") Object locale) {
        return java.time.format.DateTimeFormatter.ofPattern("LLLL uuuu", Locales.formatting(Locales.of(locale)))
                .format(month);
    }

    /** {@code {ym.ctPrev}}, {@code {ym.ctNext}}: the month before and after (links to neighbouring months). */
    static java.time.YearMonth ctPrev(java.time.YearMonth month) {
        return month.minusMonths(1);
    }

    static java.time.YearMonth ctNext(java.time.YearMonth month) {
        return month.plusMonths(1);
    }

    /** {@code {day.ctPrev}}, {@code {day.ctNext}}: the day before and after. */
    static java.time.LocalDate ctPrev(java.time.LocalDate day) {
        return day.minusDays(1);
    }

    static java.time.LocalDate ctNext(java.time.LocalDate day) {
        return day.plusDays(1);
    }

    /** {@code {wh.ctField}}: Wh as "1234.567" for an input's value (dot, no grouping). */
    static String ctField(Long wh) {
        return Forms.kwhField(wh);
    }
}
