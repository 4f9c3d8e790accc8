package org.hausmeter.ledger.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Timestamp text to {@link Instant}. Accepted (blanks around ignored):
 * <ul>
 * <li>{@code yyyy-MM-dd}, {@code dd/MM/yyyy} (or {@code MM/dd/yyyy}, see {@link ImportOptions.SlashDates}) or
 * {@code dd.MM.yyyy} (day and month may have one digit),</li>
 * <li>then {@code T} or blanks, then {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fffffffff},</li>
 * <li>then optionally (after optional blanks) an offset {@code Z}, {@code +HH:MM}, {@code +HHMM} or {@code +HH}.</li>
 * </ul>
 * With an offset the instant is exact. Without one, the date-time is local in the given zone: a local time in a DST
 * gap is an error, and so is one in a DST overlap (it names two instants).
 */
final class TimestampParser {
    private final ImportOptions.SlashDates slashDates;

    /** Thrown with a problem text for the caller to report. */
    static final class BadTimestamp extends Exception {
        /** The {@link ImportProblem#code} and the values of its text. */
        final String code;

        final String[] args;

        BadTimestamp(String reason, String code, String... args) {
            super(reason, null, false, false);
            this.code = code;
            this.args = args;
        }
    }

    TimestampParser(ImportOptions.SlashDates slashDates) {
        this.slashDates = slashDates;
    }

    Instant parse(String text, ZoneId zone) throws BadTimestamp {
        String s = text.strip();
        int n = s.length();
        int[] at = {0};
        int year;
        int month;
        int day;
        if (n >= 10 && s.charAt(4) == '-') {
            year = digits(s, at, 4, 4, text);
            expect(s, at, '-', text);
            month = digits(s, at, 2, 2, text);
            expect(s, at, '-', text);
            day = digits(s, at, 2, 2, text);
        } else {
            int a = digits(s, at, 1, 2, text);
            char sep = at[0] < n ? s.charAt(at[0]) : 0;
            if (sep != '/' && sep != '.') {
                throw notATimestamp(text);
            }
            at[0]++;
            int b = digits(s, at, 1, 2, text);
            expect(s, at, sep, text);
            year = digits(s, at, 4, 4, text);
            boolean dayFirst = sep == '.' || slashDates == ImportOptions.SlashDates.DAY_MONTH;
            day = dayFirst ? a : b;
            month = dayFirst ? b : a;
        }
        if (at[0] < n && s.charAt(at[0]) == 'T') {
            at[0]++;
        } else if (blanks(s, at) == 0) {
            throw notATimestamp(text);
        }
        int hour = digits(s, at, 1, 2, text);
        expect(s, at, ':', text);
        int minute = digits(s, at, 2, 2, text);
        int second = 0;
        int nano = 0;
        if (at[0] < n && s.charAt(at[0]) == ':') {
            at[0]++;
            second = digits(s, at, 2, 2, text);
            if (at[0] < n && s.charAt(at[0]) == '.') {
                at[0]++;
                int from = at[0];
                nano = digits(s, at, 1, 9, text);
                for (int i = at[0] - from; i < 9; i++) {
                    nano *= 10;
                }
            }
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
        } catch (DateTimeException e) {
            throw new BadTimestamp("invalid date or time [" + text + "]", "invalid_time", text);
        }
        blanks(s, at);
        if (at[0] == n) {
            return resolve(local, zone, text);
        }
        ZoneOffset offset = offset(s, at, text);
        if (at[0] != n) {
            throw notATimestamp(text);
        }
        return local.toInstant(offset);
    }

    private static Instant resolve(LocalDateTime local, ZoneId zone, String text) throws BadTimestamp {
        if (zone == null) {
            throw new BadTimestamp(
                    "local time [" + text + "] without a time zone: give an offset or state the zone"
                            + " in the header",
                    "no_zone",
                    text);
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        if (offsets.isEmpty()) {
            throw new BadTimestamp(
                    "local time [" + format(local) + "] does not exist in [" + zone
                            + "] (clocks skip it): give an offset",
                    "time_gap",
                    format(local),
                    zone.toString());
        }
        throw new BadTimestamp(
                "ambiguous local time [" + format(local) + "] in [" + zone + "]: give an offset",
                "time_ambiguous",
                format(local),
                zone.toString());
    }

    static String format(LocalDateTime t) {
        String s = t.toLocalDate() + " " + two(t.getHour()) + ":" + two(t.getMinute());
        return t.getSecond() == 0 && t.getNano() == 0
                ? s
                : s + ":" + two(t.getSecond()) + (t.getNano() == 0 ? "" : "." + t.getNano());
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static ZoneOffset offset(String s, int[] at, String text) throws BadTimestamp {
        char c = s.charAt(at[0]);
        if (c == 'Z') {
            at[0]++;
            return ZoneOffset.UTC;
        }
        if (c != '+' && c != '-') {
            throw notATimestamp(text);
        }
        at[0]++;
        int hours = digits(s, at, 2, 2, text);
        int minutes = 0;
        if (at[0] < s.length()) {
            if (s.charAt(at[0]) == ':') {
                at[0]++;
            }
            minutes = digits(s, at, 2, 2, text);
        }
        try {
            return c == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            throw new BadTimestamp("invalid offset in [" + text + "]", "invalid_offset", text);
        }
    }

    private static int digits(String s, int[] at, int min, int max, String text) throws BadTimestamp {
        int i = at[0];
        int v = 0;
        int n = 0;
        while (n < max && i < s.length()) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            i++;
            n++;
        }
        if (n < min) {
            throw notATimestamp(text);
        }
        at[0] = i;
        return v;
    }

    private static void expect(String s, int[] at, char c, String text) throws BadTimestamp {
        if (at[0] >= s.length() || s.charAt(at[0]) != c) {
            throw notATimestamp(text);
        }
        at[0]++;
    }

    private static int blanks(String s, int[] at) {
        int start = at[0];
        while (at[0] < s.length() && s.charAt(at[0]) == ' ') {
            at[0]++;
        }
        return at[0] - start;
    }

    private static BadTimestamp notATimestamp(String text) {
        return new BadTimestamp(
                "not a timestamp [" + text + "] (expected e.g. [2025-01-01 00:15],"
                        + " [2025-01-01T00:15+01:00] or [01/01/2025 00:15])",
                "not_a_timestamp",
                text);
    }
}
