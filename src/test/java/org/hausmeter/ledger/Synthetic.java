package org.hausmeter.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic counter readings for property-style tests. */
final class Synthetic {

    private Synthetic() {}

    /**
     * Readings of meter 7 for n quarter hours from {@code from}: jittered polls within ±90 s, some outside
     * the tolerance, gaps of up to 10 h, manual reads mid-interval. The first reading is in [from, from + 90 s],
     * the last in [to − 90 s, to]. With {@code messy}, also backward steps and impossible jumps.
     */
    static List<CounterReading> readings(Random rnd, Instant from, int n, boolean messy) {
        long[] imp = new long[n];
        long[] exp = new long[n];
        for (int k = 0; k < n; k++) {
            imp[k] = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(600);
            exp[k] = rnd.nextInt(3) == 0 ? rnd.nextInt(400) : 0;
        }
        long[] cumImp = new long[n + 1];
        long[] cumExp = new long[n + 1];
        for (int k = 0; k < n; k++) {
            cumImp[k + 1] = cumImp[k] + imp[k];
            cumExp[k + 1] = cumExp[k] + exp[k];
        }
        long baseImp = rnd.nextInt(10_000_000);
        long baseExp = rnd.nextInt(1_000_000);
        long fromMs = from.toEpochMilli();
        List<CounterReading> out = new ArrayList<>();
        int gapLeft = 0;
        for (int k = 0; k <= n; k++) {
            long offset;
            if (k == 0) {
                offset = rnd.nextBoolean() ? 0 : rnd.nextInt(90_001);
            } else if (k == n) {
                offset = rnd.nextBoolean() ? 0 : -rnd.nextInt(90_001);
            } else if (gapLeft > 0) {
                gapLeft--;
                offset = Long.MIN_VALUE;
            } else if (rnd.nextInt(40) == 0) {
                gapLeft = rnd.nextInt(40);
                offset = Long.MIN_VALUE;
            } else if (rnd.nextInt(10) == 0) {
                offset = (rnd.nextBoolean() ? 1 : -1) * (90_001 + rnd.nextInt(110_000));
            } else {
                offset = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(180_001) - 90_000;
            }
            if (messy && k > 0 && k < n) {
                int dice = rnd.nextInt(100);
                if (dice == 0) {
                    baseImp -= Math.min(baseImp + cumImp[k], 1 + rnd.nextInt(5000));
                } else if (dice == 1) {
                    baseImp += 100_000;
                } else if (dice == 2) {
                    baseExp -= Math.min(baseExp + cumExp[k], 1 + rnd.nextInt(500));
                }
            }
            if (offset != Long.MIN_VALUE) {
                out.add(at(fromMs, k, offset, n, cumImp, cumExp, imp, exp, baseImp, baseExp));
            }
            if (k < n && rnd.nextInt(20) == 0) {
                out.add(at(fromMs, k, 300_000 + rnd.nextInt(300_000), n, cumImp, cumExp, imp, exp, baseImp, baseExp));
            }
        }
        return out;
    }

    private static CounterReading at(
            long fromMs,
            int k,
            long offsetMs,
            int n,
            long[] cumImp,
            long[] cumExp,
            long[] imp,
            long[] exp,
            long baseImp,
            long baseExp) {
        long t = fromMs + k * Intervals.MILLIS + offsetMs;
        int j = (int) Math.min(n - 1, Math.floorDiv(t - fromMs, Intervals.MILLIS));
        long into = t - fromMs - j * Intervals.MILLIS;
        long i = baseImp + cumImp[j] + imp[j] * into / Intervals.MILLIS;
        long e = baseExp + cumExp[j] + exp[j] * into / Intervals.MILLIS;
        return new CounterReading(7, Instant.ofEpochMilli(t), i, e, ReadingSource.POLL);
    }

    static TypicalProfile profile(Random rnd) {
        long[] imp = new long[TypicalProfile.SLOTS];
        long[] exp = new long[TypicalProfile.SLOTS];
        for (int s = 0; s < imp.length; s++) {
            imp[s] = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(500_000);
            exp[s] = rnd.nextInt(2) == 0 ? 0 : rnd.nextInt(500_000);
        }
        return TypicalProfile.of(java.time.ZoneId.of("Europe/Berlin"), imp, exp);
    }

    /** The readings the class comment of IntervalDeriver asks for when deriving [from, to). */
    static List<CounterReading> margin(List<CounterReading> readings, Instant from, Instant to) {
        Instant lo = readings.stream()
                .map(CounterReading::readAt)
                .filter(t -> !t.isAfter(from))
                .reduce((a, b) -> b)
                .orElse(Instant.MIN);
        Instant hi = readings.stream()
                .map(CounterReading::readAt)
                .filter(t -> !t.isBefore(to))
                .findFirst()
                .orElse(Instant.MAX);
        return readings.stream()
                .filter(r -> !r.readAt().isBefore(lo) && !r.readAt().isAfter(hi))
                .toList();
    }
}
