package org.hausmeter.web.resident;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hausmeter.accounts.Access.TenancyPeriod;
import org.hausmeter.energy.Energy;
import org.hausmeter.energy.EnergyData;
import org.hausmeter.ledger.Intervals;

/**
 * The figures of one resident's apartment, clipped to the resident's tenancy periods and to now: a new
 * tenant sees nothing of the previous tenant's time (to the quarter hour), and nothing is shown for the
 * future. Pure: reads {@link EnergyData}, keeps no state between calls.
 * <p>
 * Time windows are half-open [from, to) instants; days are local days of the building's zone.
 */
public final class ResidentFigures {

    /** A part of the resident's time: [from, to). */
    public record Window(Instant from, Instant to) {}

    /**
     * One bar of a chart.
     *
     * @param from    first instant
     * @param to      first instant after
     * @param energy  the resident's part of it ({@link Energy#NONE} when not visible)
     * @param visible true when some of it lies in the resident's tenancies and before now
     */
    public record Bucket(Instant from, Instant to, Energy energy, boolean visible) {}

    /**
     * A period against the same period last year and the building's median apartment.
     *
     * @param current    the resident's consumption in the visible part of the period
     * @param visible    false when the resident has no time in the period (nothing to compare)
     * @param lastYear   the same windows one year earlier, when the resident lived there all of that time and
     *                   every day of it has values
     * @param medianWh   the median apartment's consumption over the same days, when enough apartments had any
     * @param apartments how many apartments with consumption the median is taken over
     * @param rule       why last year is or is not compared ({@link ComparisonRules}); null when not visible
     */
    public record Comparison(
            Energy current,
            boolean visible,
            Optional<Energy> lastYear,
            OptionalLong medianWh,
            int apartments,
            ComparisonRules.LastYear rule) {}

    /** A day of the heat map; {@code energy} null when the day is not the resident's (or lies ahead). */
    public record HeatDay(LocalDate day, Energy energy) {}

    private final String apartment;
    private final List<TenancyPeriod> periods;
    private final ZoneId zone;
    private final Instant now;
    private final EnergyData withPv;
    private final EnergyData consumption;
    private final Map<LocalDate, Instant> dayStarts = new HashMap<>();

    /**
     * @param apartment   the apartment's code
     * @param periods     the resident's tenancy periods in it (from {@code Access.requireOwnApartment})
     * @param zone        the building's zone
     * @param now         nothing at or after the start of this instant's quarter hour is visible (the running
     *                    quarter hour has no value yet)
     * @param withPv      data with the PV allocation (charts, totals)
     * @param consumption data read for consumption only (comparisons, median, heat map); may be the same
     */
    public ResidentFigures(
            String apartment,
            List<TenancyPeriod> periods,
            ZoneId zone,
            Instant now,
            EnergyData withPv,
            EnergyData consumption) {
        this.apartment = apartment;
        this.periods = List.copyOf(periods);
        this.zone = zone;
        this.now = Intervals.floor(now);
        this.withPv = withPv;
        this.consumption = consumption;
    }

    /** @return the parts of [from, to) inside the resident's tenancies and before now, in time order */
    public List<Window> visible(Instant from, Instant to) {
        Instant end = to.isAfter(now) ? now : to;
        List<Window> out = new ArrayList<>(1);
        for (TenancyPeriod p : periods) {
            Instant s = p.moveIn().isAfter(from) ? p.moveIn() : from;
            Instant e = p.moveOut() != null && p.moveOut().isBefore(end) ? p.moveOut() : end;
            if (s.isBefore(e)) {
                out.add(new Window(s, e));
            }
        }
        out.sort((a, b) -> a.from().compareTo(b.from()));
        return out;
    }

    /** @return the resident's consumption and PV in the visible parts of [from, to) */
    public Energy total(Instant from, Instant to) {
        return sum(withPv, from, to);
    }

    /** @return the resident's consumption and PV in the visible part of a period */
    public Energy total(ReportPeriod period) {
        return total(period.from(zone), period.to(zone));
    }

    /** @return the bars of a period's chart, in time order */
    public List<Bucket> buckets(ReportPeriod period, Resolution resolution) {
        List<Bucket> out = new ArrayList<>();
        Instant end = period.to(zone);
        switch (resolution) {
            case QUARTER_HOUR, HOUR -> {
                Duration step = resolution == Resolution.HOUR ? Duration.ofHours(1) : Intervals.LENGTH;
                for (Instant t = period.from(zone); t.isBefore(end); t = t.plus(step)) {
                    out.add(bucket(t, t.plus(step)));
                }
            }
            case DAY -> {
                for (LocalDate d = period.first(); d.isBefore(period.end()); d = d.plusDays(1)) {
                    out.add(bucket(start(d), start(d.plusDays(1))));
                }
            }
            case MONTH -> {
                for (LocalDate d = period.first(); d.isBefore(period.end()); d = d.plusMonths(1)) {
                    out.add(bucket(Intervals.dayStart(d, zone), Intervals.dayStart(d.plusMonths(1), zone)));
                }
            }
        }
        return out;
    }

    private Bucket bucket(Instant from, Instant to) {
        List<Window> w = visible(from, to);
        if (w.isEmpty()) {
            return new Bucket(from, to, Energy.NONE, false);
        }
        Energy e = Energy.NONE;
        for (Window x : w) {
            e = e.plus(window(withPv, x.from(), x.to()));
        }
        return new Bucket(from, to, e, true);
    }

    /**
     * The visible part of a period against the same windows one year earlier and against the median of the
     * building's apartments over the same days (apartments without consumption, e.g. vacant ones, left out;
     * no median with fewer than {@code minApartments}).
     */
    public Comparison compare(ReportPeriod period, int minApartments) {
        List<Window> ws = visible(period.from(zone), period.to(zone));
        if (ws.isEmpty()) {
            return new Comparison(Energy.NONE, false, Optional.empty(), OptionalLong.empty(), 0, null);
        }
        Energy current = Energy.NONE;
        List<ComparisonRules.Span> spans = new ArrayList<>(ws.size());
        for (Window w : ws) {
            current = current.plus(window(withPv, w.from(), w.to()));
            spans.add(new ComparisonRules.Span(w.from(), w.to()));
        }
        ComparisonRules.LastYear rule = ComparisonRules.lastYear(
                spans, periods, zone, d -> consumption.day(apartment, d).wh() > 0, (f, t) -> window(consumption, f, t));
        LocalDate first = LocalDate.ofInstant(ws.get(0).from(), zone);
        LocalDate end = LocalDate.ofInstant(ws.get(ws.size() - 1).to().minusNanos(1), zone)
                .plusDays(1);
        long[] values = consumption.apartmentConsumption(first, end).values().stream()
                .mapToLong(Long::longValue)
                .filter(v -> v > 0)
                .sorted()
                .toArray();
        OptionalLong median =
                values.length >= Math.max(1, minApartments) ? OptionalLong.of(median(values)) : OptionalLong.empty();
        return new Comparison(current, true, rule.comparable(), median, values.length, rule);
    }

    /** @return the median of sorted values; the mean of the middle two for an even count, rounded down */
    static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** @return 53 weeks of days, Monday first, ending with {@code lastDay}; consumption only */
    public List<HeatDay> heatMap(LocalDate lastDay) {
        LocalDate first =
                lastDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(52);
        List<HeatDay> out = new ArrayList<>(371);
        for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
            Instant from = start(d);
            Instant to = start(d.plusDays(1));
            List<Window> w = visible(from, to);
            if (w.isEmpty()) {
                out.add(new HeatDay(d, null));
            } else {
                Energy e = Energy.NONE;
                for (Window x : w) {
                    e = e.plus(window(consumption, x.from(), x.to()));
                }
                out.add(new HeatDay(d, e));
            }
        }
        return out;
    }

    private Energy sum(EnergyData data, Instant from, Instant to) {
        Energy e = Energy.NONE;
        for (Window w : visible(from, to)) {
            e = e.plus(window(data, w.from(), w.to()));
        }
        return e;
    }

    /** @return the local day's first instant (zone rules are slow to ask hundreds of times per page) */
    private Instant start(LocalDate day) {
        return dayStarts.computeIfAbsent(day, d -> Intervals.dayStart(d, zone));
    }

    /** [from, to) of the apartment, not clipped: whole days from daily totals, the rest from quarter hours. */
    private Energy window(EnergyData data, Instant from, Instant to) {
        Energy e = Energy.NONE;
        LocalDate day = LocalDate.ofInstant(from, zone);
        while (true) {
            Instant ds = start(day);
            if (!ds.isBefore(to)) {
                break;
            }
            Instant de = start(day.plusDays(1));
            Instant s = from.isAfter(ds) ? from : ds;
            Instant t = to.isBefore(de) ? to : de;
            if (s.isBefore(t)) {
                if (s.equals(ds) && t.equals(de)) {
                    e = e.plus(data.day(apartment, day));
                } else {
                    EnergyData.QuarterHours q = data.quarterHours(apartment, day);
                    int i0 = Intervals.count(ds, s);
                    int i1 = Math.min(q.wh().length, Intervals.countTouched(ds, t));
                    long wh = 0;
                    long pv = 0;
                    for (int i = i0; i < i1; i++) {
                        wh += q.wh()[i];
                        pv += q.pvWh()[i];
                    }
                    e = e.plus(new Energy(wh, pv, q.pvKnown()));
                }
            }
            day = day.plusDays(1);
        }
        return e;
    }

    /** @return the apartment */
    public String apartment() {
        return apartment;
    }

    /** @return the zone of every local day */
    public ZoneId zone() {
        return zone;
    }

    /** @return the instant from which nothing is visible */
    public Instant now() {
        return now;
    }
}
