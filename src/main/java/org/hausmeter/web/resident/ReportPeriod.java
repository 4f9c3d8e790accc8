package org.hausmeter.web.resident;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hausmeter.ledger.Intervals;

/**
 * A report period of whole local days, half-open [first, end): a day, a week (Monday to Sunday), a calendar
 * month or a calendar year. Pure; bookmarkable as {@code ?period=week&date=2026-11-16} (any date in the
 * period names it).
 *
 * @param kind  day, week, month or year
 * @param first the period's first day
 */
public record ReportPeriod(Kind kind, LocalDate first) {

    /** The length of a period. The query value is the lower-case name. */
    public enum Kind {
        DAY(List.of(Resolution.QUARTER_HOUR, Resolution.HOUR)),
        WEEK(List.of(Resolution.DAY, Resolution.HOUR)),
        MONTH(List.of(Resolution.DAY)),
        YEAR(List.of(Resolution.MONTH));

        private final List<Resolution> resolutions;

        Kind(List<Resolution> resolutions) {
            this.resolutions = resolutions;
        }

        /** @return the resolutions a chart of this period may have, the default first */
        public List<Resolution> resolutions() {
            return resolutions;
        }

        /** @return the value in the query string */
        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the kind named by a query value, if any */
        public static Optional<Kind> ofParam(String value) {
            return Arrays.stream(values()).filter(k -> k.param().equals(value)).findFirst();
        }
    }

    /** @return the period of that kind containing {@code date} */
    public static ReportPeriod of(Kind kind, LocalDate date) {
        return new ReportPeriod(
                kind,
                switch (kind) {
                    case DAY -> date;
                    case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    case MONTH -> date.withDayOfMonth(1);
                    case YEAR -> date.withDayOfYear(1);
                });
    }

    /** @return the first day after the period */
    public LocalDate end() {
        return switch (kind) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
            case YEAR -> first.plusYears(1);
        };
    }

    /** @return the last day of the period */
    public LocalDate last() {
        return end().minusDays(1);
    }

    public ReportPeriod previous() {
        return switch (kind) {
            case DAY -> new ReportPeriod(kind, first.minusDays(1));
            case WEEK -> new ReportPeriod(kind, first.minusWeeks(1));
            case MONTH -> new ReportPeriod(kind, first.minusMonths(1));
            case YEAR -> new ReportPeriod(kind, first.minusYears(1));
        };
    }

    public ReportPeriod next() {
        return new ReportPeriod(kind, end());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && day.isBefore(end());
    }

    /** @return the period's first instant, local midnight */
    public Instant from(ZoneId zone) {
        return Intervals.dayStart(first, zone);
    }

    /** @return the first instant after the period */
    public Instant to(ZoneId zone) {
        return Intervals.dayStart(end(), zone);
    }

    /** @return {@code resolution} when this period's chart may have it, else the default one */
    public Resolution resolutionOr(Resolution resolution) {
        return resolution != null && kind.resolutions.contains(resolution) ? resolution : kind.resolutions.get(0);
    }
}
