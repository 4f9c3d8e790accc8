package org.hausmeter.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.hausmeter.ledger.Intervals;

/**
 * How complete a tenancy period's energy data is, pure (docs/billing.md, "Completeness"): the quarter hours of
 * the period (local days in the building's zone, 92/96/100 a day) without a value for the apartment, grouped into
 * runs of consecutive days, and the sentence that names them on the draft's blocking flag.
 */
public final class Completeness {

    /** Review flag kind of a draft whose period lacks energy data. */
    public static final String MISSING_ENERGY = "MISSING_ENERGY";

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private Completeness() {}

    /**
     * @param from    first instant of the period, a local midnight
     * @param to      first instant after it, a local midnight
     * @param zone    the building's zone
     * @param missing quarter hours of the period without a value, index 0 = the one starting at {@code from}
     * @return the days with missing quarter hours, consecutive days grouped, in order; empty when complete
     */
    public static List<BillContent.Gap> gaps(Instant from, Instant to, ZoneId zone, BitSet missing) {
        List<BillContent.Gap> out = new ArrayList<>();
        LocalDate runFirst = null;
        LocalDate runLast = null;
        int runMissing = 0;
        int runIntervals = 0;
        LocalDate last = LocalDate.ofInstant(to, zone).minusDays(1);
        for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(last); d = d.plusDays(1)) {
            Instant ds = Intervals.dayStart(d, zone);
            Instant de = Intervals.dayStart(d.plusDays(1), zone);
            int off = Math.toIntExact(Intervals.index(from, ds));
            int len = Intervals.count(ds, de);
            int m = missing.get(off, off + len).cardinality();
            if (m > 0) {
                if (runFirst == null) {
                    runFirst = d;
                }
                runLast = d;
                runMissing += m;
                runIntervals += len;
            } else if (runFirst != null) {
                out.add(new BillContent.Gap(runFirst, runLast, runMissing, runIntervals));
                runFirst = null;
                runMissing = 0;
                runIntervals = 0;
            }
        }
        if (runFirst != null) {
            out.add(new BillContent.Gap(runFirst, runLast, runMissing, runIntervals));
        }
        return out;
    }

    /**
     * @return the flag's sentence, e.g. {@code "No energy data for 3–7 Nov and 12 Nov 2026 (40 of 96 quarter
     *     hours)"}: whole days as ranges, partly covered ones with their missing quarter hours; the year once at the
     *     end
     */
    public static String describe(List<BillContent.Gap> gaps) {
        if (gaps.isEmpty()) {
            return "Energy data complete";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < gaps.size(); i++) {
            BillContent.Gap g = gaps.get(i);
            String days = g.firstDay().equals(g.lastDay())
                    ? DAY_MONTH.format(g.firstDay())
                    : (g.firstDay().getMonth() == g.lastDay().getMonth()
                                    ? Integer.toString(g.firstDay().getDayOfMonth())
                                    : DAY_MONTH.format(g.firstDay()))
                            + "–" + DAY_MONTH.format(g.lastDay());
            if (i == gaps.size() - 1) {
                days += " " + g.lastDay().getYear();
            }
            if (!g.whole()) {
                days += " (" + g.missingIntervals() + " of " + g.intervals() + " quarter hours)";
            }
            parts.add(days);
        }
        String joined = parts.size() == 1
                ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return "No energy data for " + joined;
    }
}
