package org.hausmeter.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks that the energy entering the building matches what its consumers metered, per quarter hour and
 * per local day.
 *
 * <ul>
 *   <li>Supply = Σ GRID (import − export) + Σ PV (export − import): a PV meter counts production on its
 *       export register (as the simulator and the PV register maps do); its import is the inverter's own
 *       night consumption.</li>
 *   <li>Consumption = Σ (import − export) over APARTMENT, COMMON and CHARGER meters.</li>
 *   <li>Mismatch = supply − consumption, Wh (positive: more came in than the consumers metered).</li>
 *   <li>Mismatch percent = |mismatch| × 100 / max(|supply|, |consumption|), 2 decimals HALF_UP; 0.00 when both
 *       are 0 (a day without any energy is balanced, not undefined).</li>
 *   <li>Flagged when |mismatch| &gt; the absolute floor (default 10 Wh, the rounding noise of a few meters'
 *       whole-Wh rows) and |mismatch| × 100 &gt; tolerance percent (default 2) × max(|supply|, |consumption|).
 *       So a day with no consumption but real supply is flagged at 100 %, a near-empty day is not flagged
 *       for a few Wh.</li>
 *   <li>A quarter hour is complete when every meter passed has a row for it; incomplete quarter hours are
 *       reported but never flagged, and a day sums only its complete quarter hours.</li>
 * </ul>
 */
public final class EnergyBalance {

    /** Default tolerance, percent. */
    public static final BigDecimal DEFAULT_TOLERANCE_PERCENT = BigDecimal.valueOf(2);
    /** Default absolute floor, Wh: mismatches up to this are never flagged. */
    public static final long DEFAULT_MIN_MISMATCH_WH = 10;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ZoneId zone;
    private final BigDecimal tolerancePercent;
    private final long minMismatchWh;

    /** Defaults: 2 %, 10 Wh. */
    public EnergyBalance(ZoneId zone) {
        this(zone, DEFAULT_TOLERANCE_PERCENT, DEFAULT_MIN_MISMATCH_WH);
    }

    /**
     * @param zone             the building's zone (local days)
     * @param tolerancePercent relative tolerance, percent, not negative
     * @param minMismatchWh    absolute floor, Wh, not negative
     */
    public EnergyBalance(ZoneId zone, BigDecimal tolerancePercent, long minMismatchWh) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (tolerancePercent.signum() < 0 || minMismatchWh < 0) {
            throw new IllegalArgumentException(
                    "Tolerance [" + tolerancePercent + "] % and floor [" + minMismatchWh + "] Wh must not be negative");
        }
        this.tolerancePercent = tolerancePercent;
        this.minMismatchWh = minMismatchWh;
    }

    /**
     * One meter's rows for the balance.
     *
     * @param meterId   the meter
     * @param role      decides whether it supplies or consumes
     * @param intervals its rows, any order, at most one per quarter hour
     */
    public record MeterSeries(long meterId, MeterRole role, List<IntervalValue> intervals) {
        public MeterSeries {
            Objects.requireNonNull(role, "role");
            intervals = List.copyOf(intervals);
        }
    }

    /**
     * The balance of one quarter hour.
     *
     * @param intervalStart   UTC start of [start, start + 15 min)
     * @param supplyWh        grid net import plus PV net production, Wh (may be negative when exporting)
     * @param consumptionWh   consumers' net import, Wh
     * @param mismatchWh      supplyWh − consumptionWh, Wh
     * @param mismatchPercent |mismatch| relative to the larger of |supply| and |consumption|, percent, 2 decimals
     * @param complete        every meter has a row for this quarter hour
     * @param flagged         complete and outside the tolerance
     */
    public record QuarterBalance(
            Instant intervalStart,
            long supplyWh,
            long consumptionWh,
            long mismatchWh,
            BigDecimal mismatchPercent,
            boolean complete,
            boolean flagged) {}

    /**
     * The balance of one local day over its complete quarter hours.
     *
     * @param day              local date in the building's zone
     * @param quarters         quarter hours the day has: 92, 96 or 100
     * @param completeQuarters quarter hours with a row from every meter
     * @param supplyWh         Wh, as in {@link QuarterBalance}
     * @param consumptionWh    Wh
     * @param mismatchWh       supplyWh − consumptionWh, Wh
     * @param mismatchPercent  percent, 2 decimals
     * @param flagged          outside the tolerance
     */
    public record DayBalance(
            LocalDate day,
            int quarters,
            int completeQuarters,
            long supplyWh,
            long consumptionWh,
            long mismatchWh,
            BigDecimal mismatchPercent,
            boolean flagged) {}

    /** Quarter hours ascending, days ascending. */
    public record Report(List<QuarterBalance> quarters, List<DayBalance> days) {
        public Report {
            quarters = List.copyOf(quarters);
            days = List.copyOf(days);
        }

        public List<DayBalance> flaggedDays() {
            return days.stream().filter(DayBalance::flagged).toList();
        }

        public List<QuarterBalance> flaggedQuarters() {
            return quarters.stream().filter(QuarterBalance::flagged).toList();
        }
    }

    /**
     * Balances the local days [firstDay, endDay) of the building.
     *
     * @param meters every meter of the building that counts (rows outside the days are ignored)
     */
    public Report check(List<MeterSeries> meters, LocalDate firstDay, LocalDate endDay) {
        if (!endDay.isAfter(firstDay)) {
            throw new IllegalArgumentException("Empty day range [" + firstDay + ", " + endDay + ")");
        }
        long fromMs = Intervals.dayStart(firstDay, zone).toEpochMilli();
        long toMs = Intervals.dayStart(endDay, zone).toEpochMilli();
        int n = (int) ((toMs - fromMs) / Intervals.MILLIS);
        long[] supply = new long[n];
        long[] consumption = new long[n];
        int[] rows = new int[n];
        for (MeterSeries m : meters) {
            boolean[] seen = new boolean[n];
            for (IntervalValue v : m.intervals()) {
                long k = (v.intervalStart().toEpochMilli() - fromMs) / Intervals.MILLIS;
                if (v.intervalStart().toEpochMilli() < fromMs || k >= n) {
                    continue;
                }
                int i = (int) k;
                if (seen[i]) {
                    throw new IllegalArgumentException(
                            "Meter [" + m.meterId() + "] has two rows for [" + v.intervalStart() + "]");
                }
                seen[i] = true;
                rows[i]++;
                switch (m.role()) {
                    case GRID -> supply[i] += v.importWh() - v.exportWh();
                    case PV -> supply[i] += v.exportWh() - v.importWh();
                    case APARTMENT, COMMON, CHARGER -> consumption[i] += v.importWh() - v.exportWh();
                }
            }
        }
        List<QuarterBalance> quarters = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean complete = rows[i] == meters.size();
            long mismatch = supply[i] - consumption[i];
            quarters.add(new QuarterBalance(
                    Instant.ofEpochMilli(fromMs + i * Intervals.MILLIS),
                    supply[i],
                    consumption[i],
                    mismatch,
                    percent(mismatch, supply[i], consumption[i]),
                    complete,
                    complete && flag(mismatch, supply[i], consumption[i])));
        }
        List<DayBalance> days = new ArrayList<>();
        int i = 0;
        for (LocalDate day = firstDay; day.isBefore(endDay); day = day.plusDays(1)) {
            long end = Intervals.dayStart(day.plusDays(1), zone).toEpochMilli();
            int quarterCount = 0;
            int complete = 0;
            long s = 0;
            long c = 0;
            for (; i < n && fromMs + i * Intervals.MILLIS < end; i++) {
                quarterCount++;
                QuarterBalance q = quarters.get(i);
                if (q.complete()) {
                    complete++;
                    s += q.supplyWh();
                    c += q.consumptionWh();
                }
            }
            days.add(new DayBalance(day, quarterCount, complete, s, c, s - c, percent(s - c, s, c), flag(s - c, s, c)));
        }
        return new Report(quarters, days);
    }

    private boolean flag(long mismatch, long supply, long consumption) {
        long abs = Math.abs(mismatch);
        return abs > minMismatchWh
                && BigDecimal.valueOf(abs)
                                .multiply(HUNDRED)
                                .compareTo(
                                        tolerancePercent.multiply(BigDecimal.valueOf(reference(supply, consumption))))
                        > 0;
    }

    private static BigDecimal percent(long mismatch, long supply, long consumption) {
        long ref = reference(supply, consumption);
        if (ref == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(Math.abs(mismatch))
                .multiply(HUNDRED)
                .divide(BigDecimal.valueOf(ref), 2, RoundingMode.HALF_UP);
    }

    private static long reference(long supply, long consumption) {
        return Math.max(Math.abs(supply), Math.abs(consumption));
    }
}
