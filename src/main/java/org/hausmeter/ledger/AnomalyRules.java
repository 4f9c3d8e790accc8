package org.hausmeter.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plausibility rules over a meter's interval energy, for the caretaker's attention list. Pure: time comes
 * from the {@link Clock} passed in. Consumption means {@code importWh}.
 */
public final class AnomalyRules {

    /** A month is a spike above this many times its reference. */
    public static final long DEFAULT_SPIKE_FACTOR = 3;
    /** An occupied apartment with no consumption this long is reported. */
    public static final Duration DEFAULT_IDLE = Duration.ofHours(48);
    /** A meter without a reading for longer than this is reported. */
    public static final Duration DEFAULT_SILENCE = Duration.ofDays(1);

    private final ZoneId zone;
    private final long spikeFactor;
    private final Duration idle;
    private final Duration silence;

    /** Defaults: 3×, 48 h, 1 day. */
    public AnomalyRules(ZoneId zone) {
        this(zone, DEFAULT_SPIKE_FACTOR, DEFAULT_IDLE, DEFAULT_SILENCE);
    }

    /**
     * @param zone        the building's zone (calendar months)
     * @param spikeFactor flag a month when its consumption &gt; factor × reference; at least 1
     * @param idle        minimum length of a zero-consumption run in an occupied apartment, positive
     * @param silence     a meter is silent when now − last reading &gt; this, positive
     */
    public AnomalyRules(ZoneId zone, long spikeFactor, Duration idle, Duration silence) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (spikeFactor < 1 || idle.isNegative() || idle.isZero() || silence.isNegative() || silence.isZero()) {
            throw new IllegalArgumentException("Invalid rule settings: factor [" + spikeFactor + "] idle [" + idle
                    + "] silence [" + silence + "]");
        }
        this.spikeFactor = spikeFactor;
        this.idle = idle;
        this.silence = silence;
    }

    /** What a month's consumption was compared with. */
    public enum Reference {
        PREVIOUS_MONTH,
        SAME_MONTH_LAST_YEAR
    }

    /**
     * A month whose consumption exceeds the factor times a reference month.
     *
     * @param meterId        the meter
     * @param month          the month in the building's zone
     * @param consumptionWh  its consumption, Wh
     * @param reference      which month it was compared with
     * @param referenceMonth that month
     * @param referenceWh    that month's consumption, Wh, positive
     */
    public record MonthlySpike(
            long meterId,
            YearMonth month,
            long consumptionWh,
            Reference reference,
            YearMonth referenceMonth,
            long referenceWh) {}

    /**
     * A run of quarter hours without consumption while the apartment was occupied.
     *
     * @param meterId the apartment's meter
     * @param period  [start of the first zero quarter hour, end of the last)
     */
    public record NoConsumption(long meterId, TimeRange period) {}

    /**
     * A meter that has not answered for too long.
     *
     * @param meterId       the meter
     * @param lastReadingAt its latest reading
     * @param silentFor     now − lastReadingAt
     */
    public record SilentMeter(long meterId, Instant lastReadingAt, Duration silentFor) {}

    /** Sum of importWh per calendar month of the building's zone, Wh, months ascending. */
    public SortedMap<YearMonth, Long> monthlyImportWh(List<IntervalValue> intervals) {
        SortedMap<YearMonth, Long> months = new TreeMap<>();
        for (IntervalValue v : intervals) {
            months.merge(YearMonth.from(v.intervalStart().atZone(zone)), v.importWh(), Long::sum);
        }
        return months;
    }

    /** Rule (a) on interval rows: {@link #monthlySpikes(long, SortedMap)} of {@link #monthlyImportWh(List)}. */
    public List<MonthlySpike> monthlySpikes(long meterId, List<IntervalValue> intervals) {
        return monthlySpikes(meterId, monthlyImportWh(intervals));
    }

    /**
     * Rule (a): months whose consumption is over the factor times the previous month or the same month a year
     * earlier. A reference that is missing or 0 Wh is not compared (a vacant or new apartment is not a
     * spike; rule (b) and the balance cover those). Both references may flag the same month.
     *
     * @param monthlyWh consumption per month, Wh
     * @return spikes ordered by month, previous month first
     */
    public List<MonthlySpike> monthlySpikes(long meterId, SortedMap<YearMonth, Long> monthlyWh) {
        List<MonthlySpike> spikes = new ArrayList<>();
        for (Map.Entry<YearMonth, Long> e : monthlyWh.entrySet()) {
            YearMonth month = e.getKey();
            long wh = e.getValue();
            spike(meterId, month, wh, Reference.PREVIOUS_MONTH, month.minusMonths(1), monthlyWh)
                    .ifPresent(spikes::add);
            spike(meterId, month, wh, Reference.SAME_MONTH_LAST_YEAR, month.minusYears(1), monthlyWh)
                    .ifPresent(spikes::add);
        }
        return spikes;
    }

    private Optional<MonthlySpike> spike(
            long meterId,
            YearMonth month,
            long wh,
            Reference reference,
            YearMonth refMonth,
            SortedMap<YearMonth, Long> monthlyWh) {
        Long ref = monthlyWh.get(refMonth);
        if (ref == null || ref <= 0 || ref > Long.MAX_VALUE / spikeFactor || wh <= ref * spikeFactor) {
            return Optional.empty();
        }
        return Optional.of(new MonthlySpike(meterId, month, wh, reference, refMonth, ref));
    }

    /**
     * Rule (b): runs of consecutive quarter hours with importWh = 0, each inside an occupied period, lasting at
     * least the idle threshold. A missing row ends a run (no row is no evidence of zero consumption); adjacent
     * occupied periods (a tenant change without vacancy) count as one. A run is reported whole.
     *
     * @param intervals the apartment meter's rows, any order
     * @param occupied  periods when the apartment was let, half-open, any order
     * @return runs ordered by start
     */
    public List<NoConsumption> noConsumption(long meterId, List<IntervalValue> intervals, List<TimeRange> occupied) {
        List<IntervalValue> rows = intervals.stream()
                .sorted(Comparator.comparing(IntervalValue::intervalStart))
                .toList();
        List<TimeRange> periods = merge(occupied);
        List<NoConsumption> runs = new ArrayList<>();
        Instant runStart = null;
        Instant runEnd = null;
        for (IntervalValue v : rows) {
            Instant start = v.intervalStart();
            Instant end = start.plusSeconds(Intervals.SECONDS);
            boolean idleQuarter = v.importWh() == 0 && periods.stream().anyMatch(p -> p.covers(start, end));
            if (idleQuarter && runEnd != null && runEnd.equals(start)) {
                runEnd = end;
                continue;
            }
            close(meterId, runStart, runEnd, runs);
            runStart = idleQuarter ? start : null;
            runEnd = idleQuarter ? end : null;
        }
        close(meterId, runStart, runEnd, runs);
        return runs;
    }

    private void close(long meterId, Instant start, Instant end, List<NoConsumption> runs) {
        if (start != null && Duration.between(start, end).compareTo(idle) >= 0) {
            runs.add(new NoConsumption(meterId, new TimeRange(start, end)));
        }
    }

    private static List<TimeRange> merge(List<TimeRange> ranges) {
        List<TimeRange> sorted =
                ranges.stream().sorted(Comparator.comparing(TimeRange::from)).toList();
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange r : sorted) {
            if (!merged.isEmpty()
                    && !r.from().isAfter(merged.get(merged.size() - 1).to())) {
                TimeRange last = merged.remove(merged.size() - 1);
                merged.add(new TimeRange(last.from(), r.to().isAfter(last.to()) ? r.to() : last.to()));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /**
     * Rule (c): the meter is silent when the clock's now − lastReadingAt is longer than the silence threshold.
     *
     * @param lastReadingAt instant of the meter's latest reading
     * @param clock         source of now
     */
    public Optional<SilentMeter> silence(long meterId, Instant lastReadingAt, Clock clock) {
        Objects.requireNonNull(lastReadingAt, "lastReadingAt");
        Duration silentFor = Duration.between(lastReadingAt, clock.instant());
        return silentFor.compareTo(silence) > 0
                ? Optional.of(new SilentMeter(meterId, lastReadingAt, silentFor))
                : Optional.empty();
    }

    /** Rule (c) for many meters: silent ones ordered by meter id. */
    public List<SilentMeter> silentMeters(Map<Long, Instant> lastReadingByMeter, Clock clock) {
        return new TreeMap<>(lastReadingByMeter)
                .entrySet().stream()
                        .flatMap(e -> silence(e.getKey(), e.getValue(), clock).stream())
                        .toList();
    }
}
