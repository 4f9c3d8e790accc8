package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.hausmeter.ledger.Intervals;

/**
 * Wide layout: one row per meter, one column per interval (see {@link MeterCsvImport}). Cells under a header that
 * was reported as a problem are skipped.
 */
final class WideFormat {
    private final Scan scan;
    private int firstInterval;
    private Instant[] starts;
    private long[] millis;
    private final Map<Long, Long> meterLines = new HashMap<>();

    WideFormat(Scan scan) {
        this.scan = scan;
    }

    ImportSummary run() throws IOException {
        if (readColumns()) {
            if (scan.problems.count() == 0) {
                // With a bad header column the steps between the others say nothing about the file.
                scan.checkResolution();
            }
            while (scan.nextRow()) {
                row();
            }
        }
        return scan.tally.summary(
                ImportOptions.Layout.WIDE, ImportSummary.Kind.INTERVALS, scan.resolution.resolution());
    }

    private boolean readColumns() {
        String[] h = scan.header;
        boolean[] bad = {false};
        ZoneId zone = scan.zone(0, HeaderCell.parse(h[0]), bad);
        if (bad[0]) {
            return false;
        }
        Integer described = scan.options.descriptiveColumns();
        if (described != null) {
            firstInterval = 1 + described;
        } else {
            firstInterval = 1;
            while (firstInterval < h.length && !startsWithDigit(h[firstInterval])) {
                firstInterval++;
            }
        }
        if (firstInterval >= h.length) {
            scan.problems.line(scan.csv.line(), "no interval columns: expected headers like [01/01/2025 00:00]");
            return false;
        }
        starts = new Instant[h.length];
        millis = new long[h.length];
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = firstInterval; i < h.length; i++) {
            if (h[i].isBlank()) {
                continue;
            }
            try {
                Instant start = scan.timestamps.parse(h[i], zone);
                long second = start.getEpochSecond();
                if (!Intervals.isBoundary(start)) {
                    scan.problem(
                            i,
                            "interval start [" + h[i].strip() + "] is not on a quarter hour",
                            "not_quarter_hour",
                            h[i].strip());
                    continue;
                }
                if (scan.limits.earliest() != null && start.isBefore(scan.limits.earliest())
                        || scan.limits.latest() != null && !start.isBefore(scan.limits.latest())) {
                    scan.problem(i, scan.limits.refusal(-1, "", start, "interval"));
                    continue;
                }
                Integer other = seen.putIfAbsent(second, i);
                if (other != null) {
                    scan.problem(i, "same interval [" + start + "] as column [" + (other + 1) + "]");
                    continue;
                }
                starts[i] = start;
                millis[i] = start.toEpochMilli();
                // Every row has the same columns: the header's starts are the file's time steps.
                scan.resolution.add(0L, start, zone);
            } catch (TimestampParser.BadTimestamp e) {
                scan.problem(i, e.getMessage(), e.code, e.args);
            }
        }
        return true;
    }

    private static boolean startsWithDigit(String s) {
        String t = s.strip();
        return !t.isEmpty() && t.charAt(0) >= '0' && t.charAt(0) <= '9';
    }

    private void row() {
        Scan s = scan;
        CsvReader csv = s.csv;
        String name = csv.field(0).strip();
        if (name.isEmpty()) {
            s.problem(0, "missing meter");
            return;
        }
        Long id = s.meterIds.get(name);
        if (id == null) {
            s.problem(0, "unknown meter [" + name + "]");
            return;
        }
        Long first = meterLines.putIfAbsent(id, csv.line());
        if (first != null) {
            s.problem(0, "duplicate meter [" + name + "], first on line [" + first + "]");
            return;
        }
        s.tally.meter(id);
        long meterId = id;
        char[] chars = csv.chars();
        KwhParser kwh = s.kwh;
        Tally tally = s.tally;
        ImportSink sink = s.sink;
        int n = csv.fieldCount();
        Instant installed = s.limits.installedAt().get(meterId);
        for (int c = firstInterval; c < n; c++) {
            Instant start = starts[c];
            if (start == null) {
                continue;
            }
            long wh = kwh.parse(chars, csv.start(c), csv.end(c));
            if (wh < 0) {
                if (wh != KwhParser.EMPTY) {
                    s.problem(c, kwh.reason(wh, csv.field(c)));
                }
                continue;
            }
            if (installed != null && start.isBefore(installed)) {
                s.problem(c, ImportLimits.installedRefusal(name, start, installed, s.limits.zone(), "interval"));
                continue;
            }
            tally.value(millis[c]);
            if (sink != null) {
                sink.interval(new ImportedInterval(meterId, start, wh, null), csv.line());
            }
        }
    }
}
