package org.hausmeter.ledger.csv;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LargestRemainder;

/**
 * Spreads each value of an hourly or daily file evenly onto the quarter hours it covers (an hour: 4; a local day: 92,
 * 96 or 100), in whole Wh by largest remainder (no Wh created or lost), each marked estimated. Only on the
 * caretaker's explicit choice ({@link ImportOptions#spread()}).
 */
final class SpreadSink implements ImportSink {
    private final ImportSink target;
    private final Resolution resolution;
    private final ZoneId zone;

    SpreadSink(ImportSink target, Resolution resolution, ZoneId zone) {
        this.target = target;
        this.resolution = resolution;
        this.zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    @Override
    public void counter(CounterReading reading) {
        target.counter(reading);
    }

    @Override
    public void counter(CounterReading reading, long line) {
        target.counter(reading, line);
    }

    @Override
    public void interval(ImportedInterval interval) {
        interval(interval, 0);
    }

    @Override
    public void interval(ImportedInterval v, long line) {
        Instant start = v.intervalStart();
        Instant end = resolution.daily()
                ? start.atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant()
                : start.plusSeconds(resolution.seconds());
        int n = (int) ((end.getEpochSecond() - start.getEpochSecond()) / Intervals.SECONDS);
        long[] weights = new long[n];
        Arrays.fill(weights, 1);
        long[] imports = LargestRemainder.split(v.importWh(), weights);
        long[] exports = v.exportWh() == null ? null : LargestRemainder.split(v.exportWh(), weights);
        for (int i = 0; i < n; i++) {
            target.interval(
                    new ImportedInterval(
                            v.meterId(),
                            start.plusSeconds(Intervals.SECONDS * i),
                            imports[i],
                            exports == null ? null : exports[i],
                            true),
                    line);
        }
    }
}
