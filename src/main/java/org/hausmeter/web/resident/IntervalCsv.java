package org.hausmeter.web.resident;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.hausmeter.web.i18n.Locales;

/**
 * The lines of the resident's CSV export, in one of two variants. Pure: no I/O, no clock.
 * <ul>
 * <li>{@link Variant#LOCAL} (the default, for spreadsheets): the start of each quarter hour in the building's local
 *     time with its UTC offset in a column of its own (on the day daylight saving time ends the hour 02:xx comes
 *     twice, once +02:00 and once +01:00), the column names in the reader's language, and the locale's separators:
 *     German {@code ;} between fields and {@code ,} before the decimals, English {@code ,} and {@code .}. Starts
 *     with a byte order mark, so that spreadsheet programs read the umlauts as UTF-8.</li>
 * <li>{@link Variant#ISO} (for scripts): the start in UTC (ISO-8601, {@code 2026-10-25T00:15:00Z}), English column
 *     names, {@code ,} between fields and {@code .} before the decimals, whatever the reader's language.</li>
 * </ul>
 * Energy is kWh with 3 decimals (whole Wh). The solar column is the PV allocated to the apartment in that quarter
 * hour; empty where the allocation is not known.
 */
public final class IntervalCsv {

    /** Which form. */
    public enum Variant {
        LOCAL,
        ISO;

        /** {@code iso} selects {@link #ISO}; anything else (or nothing) {@link #LOCAL}. */
        public static Variant of(String parameter) {
            return parameter != null && parameter.trim().equalsIgnoreCase("iso") ? ISO : LOCAL;
        }
    }

    /** The byte order mark that begins the local variant. */
    public static final String BOM = "\uFEFF";

    static final List<String> ISO_HEADER = List.of(
            "apartment", "meter", "interval_start_utc", "import_kwh", "export_kwh", "solar_kwh", "quality", "source");

    private static final DateTimeFormatter GERMAN_START = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm");
    private static final DateTimeFormatter ENGLISH_START = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private final Variant variant;
    private final ZoneId zone;
    private final char separator;
    private final char decimal;
    private final DateTimeFormatter start;
    private final List<String> header;

    /**
     * @param variant     which form
     * @param language    the reader's language (de, en); only the local variant uses it
     * @param zone        the building's zone
     * @param localHeader the local variant's column names in the reader's language, in the order of
     *                    {@link #ISO_HEADER} with the offset after the start (9 names)
     */
    public IntervalCsv(Variant variant, Locale language, ZoneId zone, List<String> localHeader) {
        this.variant = variant;
        this.zone = zone;
        boolean german = variant == Variant.LOCAL
                && !Locales.formatting(language).getLanguage().equals("en");
        this.separator = german ? ';' : ',';
        this.decimal = german ? ',' : '.';
        this.start = german ? GERMAN_START : ENGLISH_START;
        if (variant == Variant.LOCAL && localHeader.size() != ISO_HEADER.size() + 1) {
            throw new IllegalArgumentException("The local header needs " + (ISO_HEADER.size() + 1) + " names");
        }
        this.header = variant == Variant.ISO ? ISO_HEADER : List.copyOf(localHeader);
    }

    public Variant variant() {
        return variant;
    }

    /** The first line, with the byte order mark before it in the local variant, ending in a line break. */
    public String header() {
        StringBuilder line = new StringBuilder(variant == Variant.LOCAL ? BOM : "");
        for (int i = 0; i < header.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            field(line, header.get(i));
        }
        return line.append('\n').toString();
    }

    /**
     * One quarter hour as a line ending in a line break.
     *
     * @param apartment the apartment's code
     * @param meter     the meter's name
     * @param from      start of the quarter hour
     * @param importWh  energy drawn
     * @param exportWh  energy fed back
     * @param solarWh   PV allocated to the apartment in the quarter hour; null when not known
     * @param quality   the quality as the reader should see it
     * @param source    where the value came from, in words
     */
    public String row(
            String apartment,
            String meter,
            Instant from,
            long importWh,
            long exportWh,
            Long solarWh,
            String quality,
            String source) {
        StringBuilder line = new StringBuilder(112);
        field(line, apartment);
        line.append(separator);
        field(line, meter);
        line.append(separator);
        if (variant == Variant.ISO) {
            line.append(from);
        } else {
            ZonedDateTime local = from.atZone(zone);
            line.append(start.format(local)).append(separator).append(OFFSET.format(local));
        }
        line.append(separator).append(kwh(importWh));
        line.append(separator).append(kwh(exportWh));
        line.append(separator);
        if (solarWh != null) {
            line.append(kwh(solarWh));
        }
        line.append(separator);
        field(line, quality);
        line.append(separator);
        field(line, source);
        return line.append('\n').toString();
    }

    /** Wh as kWh with 3 decimals and this variant's decimal separator. */
    String kwh(long wh) {
        String plain = BigDecimal.valueOf(wh, 3).toPlainString();
        return decimal == '.' ? plain : plain.replace('.', decimal);
    }

    /** The index of the quarter hour {@code from} within its local day (0 = the one starting at midnight). */
    public static int quarterOfDay(Instant from, ZoneId zone) {
        Instant midnight = from.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return (int) (Duration.between(midnight, from).getSeconds() / 900);
    }

    /** RFC 4180: quoted when it holds the separator, a quote or a line break. */
    private void field(StringBuilder line, String text) {
        String t = text == null ? "" : text;
        if (t.indexOf(separator) < 0 && t.indexOf('"') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0) {
            line.append(t);
        } else {
            line.append('"').append(t.replace("\"", "\"\"")).append('"');
        }
    }
}
