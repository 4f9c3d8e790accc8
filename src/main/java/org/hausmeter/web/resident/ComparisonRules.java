package org.hausmeter.web.resident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.hausmeter.accounts.Access.TenancyPeriod;
import org.hausmeter.energy.Energy;

/**
 * When a period of the resident's may be compared with the same period one year earlier, and the true reason when
 * not (pure). Both sides must have data: the resident lived in the apartment for all of last year's windows, and the
 * ledger has readings for every day of them (a day without any consumption is a day without readings) and some
 * consumption in the compared windows themselves. The reason names what is really missing: a move-in only when the
 * tenancy started after the compared window began, else the days without readings.
 */
public final class ComparisonRules {

    /** Why last year can or cannot be compared. */
    public enum Reason {
        /** Both sides have data: {@link LastYear#energy()} is the compared value. */
        COMPARABLE,
        /** The resident moved in during last year's window ({@link LastYear#moveIn()}): only part of it is theirs. */
        MOVED_IN_DURING,
        /** The resident moved in after last year's window ended ({@link LastYear#moveIn()}): none of it is theirs. */
        MOVED_IN_LATER,
        /** The resident did not live here for all of last year's window for another reason (moved out and back). */
        NOT_RESIDENT,
        /** No day of last year's window has readings. */
        NO_READINGS,
        /** Only some days of last year's window have readings ({@link LastYear#daysWithReadings()} of {@link LastYear#days()}). */
        SOME_READINGS
    }

    /**
     * The outcome.
     *
     * @param reason           comparable or why not
     * @param energy           last year's consumption when comparable, else null
     * @param moveIn           the first move-in after last year's window began (MOVED_IN_*), else null
     * @param daysWithReadings days of last year's window with readings
     * @param days             days of last year's window
     */
    public record LastYear(Reason reason, Energy energy, Instant moveIn, int daysWithReadings, int days) {

        /** @return last year's consumption when both sides have data */
        public Optional<Energy> comparable() {
            return reason == Reason.COMPARABLE ? Optional.of(energy) : Optional.empty();
        }
    }

    /** A window [from, to). */
    public record Span(Instant from, Instant to) {}

    private ComparisonRules() {}

    /**
     * @param current     the visible windows of the resident in the period shown (in time order, not empty)
     * @param periods     the resident's tenancy periods in the apartment
     * @param zone        the building's zone (a year earlier is the same local time)
     * @param hasReadings true when the ledger has readings for the apartment on a local day
     * @param energy      the apartment's consumption in [from, to)
     */
    public static LastYear lastYear(
            List<Span> current,
            List<TenancyPeriod> periods,
            ZoneId zone,
            Predicate<LocalDate> hasReadings,
            BiFunction<Instant, Instant, Energy> energy) {
        // Tenancy first: a resident who did not live here then has nothing to compare, whatever the ledger holds.
        for (Span w : current) {
            Span l = earlier(w, zone);
            if (!inOneTenancy(periods, l)) {
                Instant moveIn = periods.stream()
                        .map(TenancyPeriod::moveIn)
                        .filter(m -> m.isAfter(l.from()))
                        .min(Instant::compareTo)
                        .orElse(null);
                if (moveIn == null) {
                    return new LastYear(Reason.NOT_RESIDENT, null, null, 0, 0);
                }
                return new LastYear(
                        moveIn.isBefore(l.to()) ? Reason.MOVED_IN_DURING : Reason.MOVED_IN_LATER, null, moveIn, 0, 0);
            }
        }
        int days = 0;
        int withReadings = 0;
        Energy sum = Energy.NONE;
        LocalDate counted = null;
        for (Span w : current) {
            Span l = earlier(w, zone);
            LocalDate last = LocalDate.ofInstant(l.to().minusNanos(1), zone);
            for (LocalDate d = LocalDate.ofInstant(l.from(), zone); !d.isAfter(last); d = d.plusDays(1)) {
                if (counted != null && !d.isAfter(counted)) {
                    continue; // two windows on one day count it once
                }
                counted = d;
                days++;
                if (hasReadings.test(d)) {
                    withReadings++;
                }
            }
            sum = sum.plus(energy.apply(l.from(), l.to()));
        }
        if (withReadings == 0) {
            return new LastYear(Reason.NO_READINGS, null, null, 0, days);
        }
        if (withReadings < days) {
            return new LastYear(Reason.SOME_READINGS, null, null, withReadings, days);
        }
        if (sum.wh() <= 0) {
            // Every day has readings, but not the compared hours of it (a running day early in the morning).
            return new LastYear(Reason.NO_READINGS, null, null, withReadings, days);
        }
        return new LastYear(Reason.COMPARABLE, sum, null, withReadings, days);
    }

    /** @return the same local times one year earlier */
    static Span earlier(Span w, ZoneId zone) {
        return new Span(
                w.from().atZone(zone).minusYears(1).toInstant(),
                w.to().atZone(zone).minusYears(1).toInstant());
    }

    /** @return true when [from, to) lies inside the tenancy periods (adjoining periods count as one) */
    static boolean inOneTenancy(List<TenancyPeriod> periods, Span s) {
        List<TenancyPeriod> sorted = periods.stream()
                .sorted((a, b) -> a.moveIn().compareTo(b.moveIn()))
                .toList();
        Instant t = s.from();
        for (TenancyPeriod p : sorted) {
            if (!p.moveIn().isAfter(t) && (p.moveOut() == null || p.moveOut().isAfter(t))) {
                if (p.moveOut() == null) {
                    return true;
                }
                t = p.moveOut();
                if (!t.isBefore(s.to())) {
                    return true;
                }
            }
        }
        return false;
    }
}
