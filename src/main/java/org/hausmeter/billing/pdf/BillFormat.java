package org.hausmeter.billing.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * Number, money and date formats of one bill language, written by hand so that no locale data of the
 * JVM can change a rendered bill: de {@code 1.234,567 kWh}, {@code 12,34 €}, {@code 05.07.2026};
 * en {@code 1,234.567 kWh}, {@code €12.34}, {@code 5 Jul 2026}. Negative numbers get a hyphen-minus.
 *
 * <p>{@link #pdfText} fits any text to WinAnsi (Cp1252), the encoding of the base-14 fonts.
 */
final class BillFormat {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    /** Letters that do not decompose into a base letter plus accents. */
    private static final Map<Character, String> FALLBACK =
            Map.of('Ł', "L", 'ł', "l", 'ı', "i", 'Đ', "D", 'đ', "d", 'Ħ', "H", 'ħ', "h", '−', "-", '→', "->", '≈', "~");

    private final boolean german;
    private final List<String> monthNames;

    BillFormat(String language, List<String> monthNames) {
        this.german = "de".equals(language);
        if (monthNames.size() != 12) {
            throw new IllegalStateException("[month.names] needs 12 names, has " + monthNames);
        }
        this.monthNames = List.copyOf(monthNames);
    }

    /** @return the number with its own scale, grouped by thousands */
    String number(BigDecimal value) {
        return number(value, Math.max(0, value.scale()));
    }

    /** @return the number at {@code scale} decimals (HALF_UP), grouped by thousands */
    String number(BigDecimal value, int scale) {
        BigDecimal v = value.setScale(scale, RoundingMode.HALF_UP);
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                grouped.append(german ? '.' : ',');
            }
            grouped.append(intPart.charAt(i));
        }
        String sign = v.signum() < 0 ? "-" : "";
        return sign + grouped + (fraction.isEmpty() ? "" : (german ? "," : ".") + fraction);
    }

    /** @return a whole number grouped by thousands, e.g. {@code 2.976} (de) */
    String integer(long value) {
        return number(BigDecimal.valueOf(value), 0);
    }

    /** @return kWh with 3 decimals and the unit, e.g. {@code 1.234,567 kWh} */
    String kwh(BigDecimal kwh) {
        return number(kwh, 3) + " kWh";
    }

    /** @return the amount with its currency, e.g. {@code 12,34 €} / {@code €12.34} */
    String money(Money m) {
        return amount(m.amount(), m.currency());
    }

    /** @return a price with all its decimals (at least 2) and the currency, e.g. {@code 0,31254 €} */
    String price(BigDecimal amount, Currency currency) {
        return amount(amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY), currency);
    }

    private String amount(BigDecimal amount, Currency currency) {
        String symbol = "EUR".equals(currency.getCurrencyCode()) ? "€" : currency.getCurrencyCode();
        String digits = number(amount.abs());
        String sign = amount.signum() < 0 ? "-" : "";
        if (german) {
            return sign + digits + " " + symbol;
        }
        return sign + symbol + ("€".equals(symbol) ? "" : " ") + digits;
    }

    /** @return e.g. {@code 19 %} (de) / {@code 19%} (en), {@code 7,7 %} */
    String percent(VatRate rate) {
        return percent(rate.percent());
    }

    String percent(BigDecimal percent) {
        BigDecimal p = percent.stripTrailingZeros();
        return number(p.scale() < 0 ? p.setScale(0) : p) + (german ? " %" : "%");
    }

    String date(LocalDate date) {
        return german
                ? DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT).format(date)
                : date.getDayOfMonth() + " " + englishMonth(date.getMonthValue()) + " " + date.getYear();
    }

    /** @return the month's short name from the messages and the two-digit year, e.g. {@code Jun 26} */
    String month(YearMonth month) {
        return monthNames.get(month.getMonthValue() - 1) + " "
                + String.format(Locale.ROOT, "%02d", month.getYear() % 100);
    }

    private String englishMonth(int month) {
        return monthNames.get(month - 1);
    }

    /**
     * Fits a text to WinAnsi: characters outside Cp1252 lose their accents (ś → s) or get a close
     * replacement (Ł → L); anything else becomes {@code ?}. Line breaks and tabs become spaces.
     */
    static String pdfText(String text) {
        CharsetEncoder encoder = CP1252.newEncoder();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (encoder.canEncode(c) && !Character.isISOControl(c)) {
                out.append(c);
            } else if (FALLBACK.containsKey(c)) {
                out.append(FALLBACK.get(c));
            } else if (Character.isHighSurrogate(c) || Character.isLowSurrogate(c) || Character.isISOControl(c)) {
                out.append(Character.isLowSurrogate(c) || Character.isISOControl(c) ? "" : "?");
            } else {
                String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "");
                out.append(!base.isEmpty() && encoder.canEncode(base) ? base : "?");
            }
        }
        return out.toString();
    }
}
