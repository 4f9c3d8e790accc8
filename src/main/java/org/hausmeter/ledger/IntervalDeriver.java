package org.hausmeter.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Derives quarter-hour energy ({@code interval_energy} rows) from one meter's cumulative counter readings.
 * Pure: no I/O, no clock; the same arguments always give equal results.
 *
 * <h2>Model</h2>
 * Every reading is an exact point of the counter. The counter difference between two consecutive readings
 * (a <em>segment</em>) is split over the quarter hours the segment overlaps, in whole Wh by
 * {@link LargestRemainder}, with weight = overlap in milliseconds × slot weight. The slot weight is 1
 * (linear in time) unless the segment is a <em>gap</em> and a {@link TypicalProfile} is given: then it is
 * the profile's weight for the quarter hour (import and export weights for the two registers). If all
 * weights of a gap are 0 the split falls back to linear. Because every segment is split exactly, the
 * rows between two readings on boundaries sum to exactly their counter difference.
 * <ul>
 *   <li>A boundary is <em>measured</em> when a reading lies within the tolerance (default 90 s) of it.
 *       A reading a few seconds off a boundary is thereby mapped to it by linear interpolation with its
 *       neighbour: the few seconds' share of the segment goes to the interval on the other side, rounded by
 *       the largest-remainder rule above.</li>
 *   <li>A segment is a <em>gap</em> when some boundary strictly inside it is not measured.</li>
 *   <li>A row is MEASURED when both its boundaries are measured and nothing below marks it; otherwise
 *       ESTIMATED.</li>
 *   <li>Coverage: a row is emitted for every quarter hour of [from, to) that lies within the span of the
 *       readings. A first reading up to the tolerance after a boundary (a last one up to the tolerance before
 *       one) extends the span to that boundary, those seconds counting 0 Wh.</li>
 * </ul>
 *
 * <h2>Anomalies</h2>
 * <ul>
 *   <li><b>Backward step</b> (later counter lower): flagged; the segment contributes 0 Wh and every
 *       quarter hour it overlaps is ESTIMATED; the later reading is the new baseline, so the next segment
 *       is derived normally. Never a negative interval. Rows stay complete for the balance and the PV split,
 *       and a 0 marked ESTIMATED shows where the energy is unknown.</li>
 *   <li><b>Impossible jump</b> (difference × 3600 s/h &gt; maxPowerW × elapsed seconds + allowance): flagged;
 *       every quarter hour the segment overlaps is <em>not emitted</em> (also its other register), so no
 *       suspect energy is billed and no made-up value hides the hole; the caretaker's MANUAL row decides.
 *       The derivation continues from the later reading.</li>
 *   <li>Export: a meter without export register (null on both readings) gives export 0; a segment with
 *       export on one end only contributes 0 export and its quarter hours are ESTIMATED.</li>
 * </ul>
 *
 * <h2>Sub-periods</h2>
 * Rows and anomalies of [from, to) depend only on the segments overlapping it. Deriving a sub-period gives
 * the same rows as the same quarter hours of a longer derivation when the readings passed include every
 * reading in [from, to] plus the last reading at or before {@code from} and the first at or after {@code to}
 * (when those exist). In SQL: {@code read_at >= (latest read_at <= from) AND read_at <= (earliest read_at >= to)}.
 */
public final class IntervalDeriver {

    /** Default distance between a reading and a boundary within which the boundary counts as measured. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(90);

    private static final byte OK = 0;
    private static final byte ESTIMATE = 1;
    private static final byte EXCLUDE = 2;
    private static final long MS_PER_HOUR = 3_600_000L;

    private final long tolMs;
    private final long jumpAllowanceWh;

    /** Tolerance 90 s, no jump allowance. */
    public IntervalDeriver() {
        this(DEFAULT_TOLERANCE, 0);
    }

    /**
     * @param tolerance       how far a reading may be from a boundary and still measure it; [0, 7.5 min)
     * @param jumpAllowanceWh Wh added to maxPowerW × elapsed before a rise counts as impossible (counter
     *                        resolution, e.g. 100 for a meter counting in 0.1 kWh steps); not negative
     */
    public IntervalDeriver(Duration tolerance, long jumpAllowanceWh) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.toMillis() * 2 >= Intervals.MILLIS) {
            throw new IllegalArgumentException("Tolerance [" + tolerance + "] must be in [0, 7.5 min)");
        }
        if (jumpAllowanceWh < 0) {
            throw new IllegalArgumentException("Jump allowance [" + jumpAllowanceWh + "] Wh is negative");
        }
        this.tolMs = tolerance.toMillis();
        this.jumpAllowanceWh = jumpAllowanceWh;
    }

    /** {@link #derive(List, Instant, Instant, long, TypicalProfile)} without a profile: gaps are spread linearly. */
    public Derivation derive(List<CounterReading> readings, Instant from, Instant to, long maxPowerW) {
        return derive(readings, from, to, maxPowerW, null);
    }

    /**
     * Derives the rows of [from, to) for one meter.
     *
     * @param readings  one meter's readings, strictly ascending by readAt (see the class comment for the margin)
     * @param from      first interval start, on a quarter hour
     * @param to        end of the period (exclusive), on a quarter hour, not before {@code from}
     * @param maxPowerW the meter's maximum power, W, positive
     * @param profile   typical profile for spreading gaps, or null for linear spreading
     */
    public Derivation derive(
            List<CounterReading> readings, Instant from, Instant to, long maxPowerW, TypicalProfile profile) {
        Series s = Series.of(readings);
        return run(s, from, to, maxPowerW, profile);
    }

    /**
     * Derives one continuous series across a meter exchange. The old meter's readings up to its final
     * reading are followed by the new meter's readings from its first one, the new counters shifted so that
     * the new first reading continues at the old final value: no backward step or jump from the new meter's
     * own counter start. The time between the two readings (no meter installed) counts 0 Wh and every quarter
     * hour it overlaps is ESTIMATED (0 Wh when both readings share an instant and nothing is marked).
     * Which meter stores a row: {@link MeterExchange#meterFor(Instant)}. Anomalies name the real meter and
     * its raw counter values.
     *
     * @param oldReadings readings of the removed meter, none after its final reading (which may be in the list)
     * @param exchange    the final and first readings
     * @param newReadings readings of the replacement, none before its first reading (which may be in the list)
     */
    public Derivation deriveAcrossExchange(
            List<CounterReading> oldReadings,
            MeterExchange exchange,
            List<CounterReading> newReadings,
            Instant from,
            Instant to,
            long maxPowerW,
            TypicalProfile profile) {
        Series s = Series.across(oldReadings, exchange, newReadings);
        return run(s, from, to, maxPowerW, profile);
    }

    private Derivation run(Series s, Instant from, Instant to, long maxPowerW, TypicalProfile profile) {
        Intervals.requireBoundary(from, "Period start");
        Intervals.requireBoundary(to, "Period end");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Period end [" + to + "] before start [" + from + "]");
        }
        if (maxPowerW <= 0) {
            throw new IllegalArgumentException("Maximum power [" + maxPowerW + "] W must be positive");
        }
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        int n = (int) ((toMs - fromMs) / Intervals.MILLIS);
        List<Anomaly> anomalies = new ArrayList<>();
        if (s.size == 0 || n == 0) {
            return new Derivation(List.of(), anomalies);
        }
        long[] imp = new long[n];
        long[] exp = new long[n];
        byte[] flag = new byte[n];
        for (int i = 0; i + 1 < s.size; i++) {
            long a = s.t[i];
            long b = s.t[i + 1];
            if (b <= fromMs || a >= toMs) {
                continue;
            }
            if (s.exchangeAfter[i]) {
                mark(flag, fromMs, n, a, b, ESTIMATE);
                continue;
            }
            segment(s, i, true, imp, flag, fromMs, n, maxPowerW, profile, anomalies);
            segment(s, i, false, exp, flag, fromMs, n, maxPowerW, profile, anomalies);
        }
        boolean[] measured = measuredBoundaries(s, fromMs, n);
        long covStart = coverageStart(s.t[0]);
        long covEnd = coverageEnd(s.t[s.size - 1]);
        List<IntervalValue> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long start = fromMs + k * Intervals.MILLIS;
            if (start < covStart || start + Intervals.MILLIS > covEnd || flag[k] == EXCLUDE) {
                continue;
            }
            IntervalQuality q = flag[k] == OK && measured[k] && measured[k + 1]
                    ? IntervalQuality.MEASURED
                    : IntervalQuality.ESTIMATED;
            rows.add(new IntervalValue(Instant.ofEpochMilli(start), imp[k], exp[k], q));
        }
        return new Derivation(rows, anomalies);
    }

    private void segment(
            Series s,
            int i,
            boolean importRegister,
            long[] energy,
            byte[] flag,
            long fromMs,
            int n,
            long maxPowerW,
            TypicalProfile profile,
            List<Anomaly> anomalies) {
        long a = s.t[i];
        long b = s.t[i + 1];
        long va;
        long vb;
        if (importRegister) {
            va = s.imp[i];
            vb = s.imp[i + 1];
        } else {
            boolean ha = s.hasExp[i];
            boolean hb = s.hasExp[i + 1];
            if (!ha && !hb) {
                return;
            }
            if (ha != hb) {
                mark(flag, fromMs, n, a, b, ESTIMATE);
                return;
            }
            va = s.exp[i];
            vb = s.exp[i + 1];
        }
        long delta = vb - va;
        Anomaly.Register register = importRegister ? Anomaly.Register.IMPORT : Anomaly.Register.EXPORT;
        if (delta < 0) {
            anomalies.add(anomaly(s, i, Anomaly.Kind.BACKWARD_STEP, register, 0));
            mark(flag, fromMs, n, a, b, ESTIMATE);
            return;
        }
        long elapsed = b - a;
        if (exceeds(delta, maxPowerW, elapsed)) {
            long limitWh = saturatedMul(maxPowerW, elapsed) / MS_PER_HOUR + jumpAllowanceWh;
            anomalies.add(anomaly(s, i, Anomaly.Kind.IMPOSSIBLE_JUMP, register, limitWh));
            mark(flag, fromMs, n, a, b, EXCLUDE);
            return;
        }
        if (delta == 0) {
            return;
        }
        long kFirst = Math.floorDiv(a - fromMs, Intervals.MILLIS);
        long kLast = Math.floorDiv(b - 1 - fromMs, Intervals.MILLIS);
        if (kFirst == kLast) {
            add(energy, kFirst, n, delta);
            return;
        }
        int m = (int) (kLast - kFirst + 1);
        boolean gap = profile != null && isGap(a, b, fromMs, kFirst, kLast);
        long[] w = new long[m];
        long sum = 0;
        for (int j = 0; j < m; j++) {
            long start = fromMs + (kFirst + j) * Intervals.MILLIS;
            long overlap = Math.min(b, start + Intervals.MILLIS) - Math.max(a, start);
            long weight = 1;
            if (gap) {
                Instant at = Instant.ofEpochMilli(start);
                weight = importRegister ? profile.importWeight(at) : profile.exportWeight(at);
            }
            w[j] = saturatedMul(overlap, weight);
            sum += w[j];
        }
        if (sum == 0) {
            for (int j = 0; j < m; j++) {
                long start = fromMs + (kFirst + j) * Intervals.MILLIS;
                w[j] = Math.min(b, start + Intervals.MILLIS) - Math.max(a, start);
            }
        }
        long[] parts = LargestRemainder.split(delta, w);
        for (int j = 0; j < m; j++) {
            add(energy, kFirst + j, n, parts[j]);
        }
    }

    private boolean isGap(long a, long b, long fromMs, long kFirst, long kLast) {
        for (long k = kFirst + 1; k <= kLast; k++) {
            long boundary = fromMs + k * Intervals.MILLIS;
            if (boundary - a > tolMs && b - boundary > tolMs) {
                return true;
            }
        }
        return false;
    }

    private boolean exceeds(long deltaWh, long maxPowerW, long elapsedMs) {
        long lhs = saturatedMul(deltaWh, MS_PER_HOUR);
        long rhs = saturatedAdd(saturatedMul(maxPowerW, elapsedMs), saturatedMul(jumpAllowanceWh, MS_PER_HOUR));
        return lhs > rhs;
    }

    private boolean[] measuredBoundaries(Series s, long fromMs, int n) {
        boolean[] measured = new boolean[n + 1];
        int p = 0;
        for (int k = 0; k <= n; k++) {
            long boundary = fromMs + k * Intervals.MILLIS;
            while (p + 1 < s.size && s.t[p + 1] <= boundary) {
                p++;
            }
            boolean near = Math.abs(s.t[p] - boundary) <= tolMs;
            if (!near && p + 1 < s.size) {
                near = Math.abs(s.t[p + 1] - boundary) <= tolMs;
            }
            measured[k] = near;
        }
        return measured;
    }

    private long coverageStart(long first) {
        long floor = Math.floorDiv(first, Intervals.MILLIS) * Intervals.MILLIS;
        return first - floor <= tolMs ? floor : first;
    }

    private long coverageEnd(long last) {
        long ceil = Math.floorDiv(last + Intervals.MILLIS - 1, Intervals.MILLIS) * Intervals.MILLIS;
        return ceil - last <= tolMs ? ceil : last;
    }

    private static void mark(byte[] flag, long fromMs, int n, long a, long b, byte value) {
        long kFirst = Math.max(0, Math.floorDiv(a - fromMs, Intervals.MILLIS));
        long kLast = Math.min(n - 1, Math.floorDiv(b - 1 - fromMs, Intervals.MILLIS));
        for (long k = kFirst; k <= kLast; k++) {
            flag[(int) k] = (byte) Math.max(flag[(int) k], value);
        }
    }

    private static void add(long[] energy, long k, int n, long wh) {
        if (k >= 0 && k < n) {
            energy[(int) k] += wh;
        }
    }

    private static Anomaly anomaly(Series s, int i, Anomaly.Kind kind, Anomaly.Register register, long limitWh) {
        boolean imp = register == Anomaly.Register.IMPORT;
        return new Anomaly(
                s.meter[i + 1],
                kind,
                register,
                Instant.ofEpochMilli(s.t[i]),
                Instant.ofEpochMilli(s.t[i + 1]),
                imp ? s.rawImpOut[i] : s.rawExpOut[i],
                imp ? s.rawImp[i + 1] : s.rawExp[i + 1],
                limitWh);
    }

    private static long saturatedMul(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long x, long y) {
        long r = x + y;
        return ((x ^ r) & (y ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Readings as parallel arrays; counters shifted after an exchange, raw values kept for anomalies. */
    private static final class Series {
        final int size;
        final long[] t;
        final long[] imp;
        final long[] exp;
        final boolean[] hasExp;
        final long[] rawImp;
        final long[] rawExp;
        final long[] rawImpOut;
        final long[] rawExpOut;
        final long[] meter;
        final boolean[] exchangeAfter;

        Series(int size) {
            this.size = size;
            t = new long[size];
            imp = new long[size];
            exp = new long[size];
            hasExp = new boolean[size];
            rawImp = new long[size];
            rawExp = new long[size];
            rawImpOut = new long[size];
            rawExpOut = new long[size];
            meter = new long[size];
            exchangeAfter = new boolean[size];
        }

        static Series of(List<CounterReading> readings) {
            Series s = new Series(readings.size());
            for (int i = 0; i < readings.size(); i++) {
                s.put(i, readings.get(i), readings.get(0).meterId(), 0, 0);
            }
            return s;
        }

        static Series across(
                List<CounterReading> oldReadings, MeterExchange exchange, List<CounterReading> newReadings) {
            CounterReading oldFinal = exchange.oldFinal();
            CounterReading newFirst = exchange.newFirst();
            List<CounterReading> before = new ArrayList<>();
            for (CounterReading r : oldReadings) {
                if (r.readAt().isAfter(oldFinal.readAt())) {
                    throw new IllegalArgumentException("Meter [" + r.meterId() + "] reading at [" + r.readAt()
                            + "] after its final reading at [" + oldFinal.readAt() + "]");
                }
                if (r.readAt().isBefore(oldFinal.readAt())) {
                    before.add(r);
                }
            }
            before.add(oldFinal);
            List<CounterReading> after = new ArrayList<>();
            for (CounterReading r : newReadings) {
                if (r.readAt().isBefore(newFirst.readAt())) {
                    throw new IllegalArgumentException("Meter [" + r.meterId() + "] reading at [" + r.readAt()
                            + "] before its first reading at [" + newFirst.readAt() + "]");
                }
                if (r.readAt().isAfter(newFirst.readAt())) {
                    after.add(r);
                }
            }
            boolean sameInstant = newFirst.readAt().equals(oldFinal.readAt());
            if (!sameInstant) {
                after.add(0, newFirst);
            }
            long impOffset = oldFinal.importWh() - newFirst.importWh();
            long expOffset = newFirst.exportWh() == null
                    ? 0
                    : (oldFinal.exportWh() == null ? 0 : oldFinal.exportWh()) - newFirst.exportWh();
            Series s = new Series(before.size() + after.size());
            for (int i = 0; i < before.size(); i++) {
                s.put(i, before.get(i), oldFinal.meterId(), 0, 0);
            }
            s.exchangeAfter[before.size() - 1] = !sameInstant;
            for (int j = 0; j < after.size(); j++) {
                s.put(before.size() + j, after.get(j), newFirst.meterId(), impOffset, expOffset);
            }
            if (sameInstant) {
                int last = before.size() - 1;
                s.rawImpOut[last] = newFirst.importWh();
                s.rawExpOut[last] = newFirst.exportWh() == null ? 0 : newFirst.exportWh();
            }
            return s;
        }

        private void put(int i, CounterReading r, long meterId, long impOffset, long expOffset) {
            if (r.meterId() != meterId) {
                throw new IllegalArgumentException("Reading of meter [" + r.meterId() + "] at [" + r.readAt()
                        + "] among readings of meter [" + meterId + "]");
            }
            long at = r.readAt().toEpochMilli();
            if (i > 0 && at <= t[i - 1]) {
                throw new IllegalArgumentException("Readings not strictly ascending: [" + r.readAt() + "] after ["
                        + Instant.ofEpochMilli(t[i - 1]) + "]");
            }
            t[i] = at;
            meter[i] = r.meterId();
            rawImp[i] = r.importWh();
            imp[i] = r.importWh() + impOffset;
            hasExp[i] = r.exportWh() != null;
            rawExp[i] = hasExp[i] ? r.exportWh() : 0;
            exp[i] = hasExp[i] ? r.exportWh() + expOffset : 0;
            rawImpOut[i] = rawImp[i];
            rawExpOut[i] = rawExp[i];
        }
    }
}
