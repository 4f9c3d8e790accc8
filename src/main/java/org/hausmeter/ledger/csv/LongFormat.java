package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.hausmeter.ledger.CounterOrder;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.ReadingSource;

/** Long layout: one row per meter and timestamp (see {@link MeterCsvImport}). */
final class LongFormat {
    static final String COLUMNS = "meter, timestamp, import_kwh, export_kwh, interval_import_kwh, interval_export_kwh";
    private final Scan scan;
    private int meterCol = -1;
    private int timeCol = -1;
    private int importCol = -1;
    private int exportCol = -1;
    private ImportSummary.Kind kind;
    private ZoneId zone;
    private final Map<Long, CounterHistory> counters = new HashMap<>();
    private final Map<Long, QuarterHourSet> intervals = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    LongFormat(Scan scan) {
        this.scan = scan;
    }

    ImportSummary run() throws IOException {
        if (readColumns()) {
            while (scan.nextRow()) {
                row();
            }
            if (kind == ImportSummary.Kind.COUNTERS && scan.sink == null) {
                againstStored();
            }
            if (kind == ImportSummary.Kind.INTERVALS) {
                scan.checkResolution();
            }
        }
        return scan.tally.summary(
                ImportOptions.Layout.LONG,
                kind,
                kind == ImportSummary.Kind.INTERVALS ? scan.resolution.resolution() : null);
    }

    private boolean readColumns() {
        String[] h = scan.header;
        int counterImport = -1;
        int counterExport = -1;
        int intervalImport = -1;
        int intervalExport = -1;
        boolean[] bad = {false};
        zone = scan.options.defaultZone();
        for (int i = 0; i < h.length; i++) {
            if (i > 0 && h[i].isBlank()) {
                continue;
            }
            HeaderCell cell = HeaderCell.parse(h[i]);
            int[] known = {meterCol, timeCol, counterImport, counterExport, intervalImport, intervalExport};
            int k = switch (cell.name()) {
                case "meter" -> 0;
                case "timestamp" -> 1;
                case "import_kwh" -> 2;
                case "export_kwh" -> 3;
                case "interval_import_kwh" -> 4;
                case "interval_export_kwh" -> 5;
                default -> -1;
            };
            if (k < 0) {
                scan.problem(
                        i,
                        "unknown column [" + h[i].strip() + "] (expected " + COLUMNS + ")",
                        "unknown_column",
                        h[i].strip(),
                        String.valueOf(COLUMNS));
                continue;
            }
            if (known[k] >= 0) {
                scan.problem(i, "duplicate column, also column [" + (known[k] + 1) + "]");
                bad[0] = true;
                continue;
            }
            if (cell.zone() != null && k != 1) {
                scan.problem(i, "unknown column [" + h[i].strip() + "] (only timestamp takes a zone)");
                bad[0] = true;
                continue;
            }
            switch (k) {
                case 0 -> meterCol = i;
                case 1 -> {
                    timeCol = i;
                    zone = scan.zone(i, cell, bad);
                }
                case 2 -> counterImport = i;
                case 3 -> counterExport = i;
                case 4 -> intervalImport = i;
                default -> intervalExport = i;
            }
        }
        long line = scan.csv.line();
        if (meterCol < 0) {
            scan.problems.line(line, "missing column [meter]");
            bad[0] = true;
        }
        if (timeCol < 0) {
            scan.problems.line(line, "missing column [timestamp]");
            bad[0] = true;
        }
        boolean counter = counterImport >= 0 || counterExport >= 0;
        boolean interval = intervalImport >= 0 || intervalExport >= 0;
        if (counter && interval) {
            scan.problems.line(
                    line,
                    "counter columns [import_kwh, export_kwh] and interval columns"
                            + " [interval_import_kwh, interval_export_kwh] in one file");
            return false;
        }
        if (counter || interval) {
            kind = counter ? ImportSummary.Kind.COUNTERS : ImportSummary.Kind.INTERVALS;
            importCol = counter ? counterImport : intervalImport;
            exportCol = counter ? counterExport : intervalExport;
            if (importCol < 0) {
                scan.problems.line(
                        line, counter ? "missing column [import_kwh]" : "missing column [interval_import_kwh]");
                bad[0] = true;
            }
        } else {
            scan.problems.line(
                    line, "missing value column: [import_kwh] (counters) or [interval_import_kwh]" + " (intervals)");
            bad[0] = true;
        }
        return !bad[0];
    }

    private void row() {
        Scan s = scan;
        CsvReader csv = s.csv;
        long line = csv.line();
        boolean bad = false;
        String name = csv.field(meterCol).strip();
        Long id = null;
        if (name.isEmpty()) {
            s.problem(meterCol, "missing meter", "missing_meter");
            bad = true;
        } else {
            id = s.meterIds.get(name);
            if (id == null) {
                s.problem(meterCol, "unknown meter [" + name + "]", "unknown_meter", name);
                bad = true;
            }
        }
        String timeText = csv.field(timeCol);
        Instant at = null;
        try {
            at = s.timestamps.parse(timeText, zone);
            if (kind == ImportSummary.Kind.INTERVALS && !Intervals.isBoundary(at)) {
                s.problem(
                        timeCol,
                        "interval start [" + timeText.strip() + "] is not on a quarter hour",
                        "not_quarter_hour",
                        timeText.strip());
                bad = true;
            }
        } catch (TimestampParser.BadTimestamp e) {
            s.problem(timeCol, e.getMessage(), e.code, e.args);
            bad = true;
        }
        if (at != null && id != null) {
            String refused =
                    s.limits.refusal(id, name, at, kind == ImportSummary.Kind.INTERVALS ? "interval" : "reading");
            if (refused != null) {
                s.problem(timeCol, refused);
                bad = true;
            }
        }
        long importWh = s.kwh.parse(csv.chars(), csv.start(importCol), csv.end(importCol));
        if (importWh < 0) {
            s.problem(
                    importCol,
                    s.kwh.reason(importWh, csv.field(importCol)),
                    s.kwh.code(importWh),
                    s.kwh.args(importWh, csv.field(importCol)));
            bad = true;
        }
        long exportWh = CounterHistory.NO_EXPORT;
        if (exportCol >= 0) {
            long code = s.kwh.parse(csv.chars(), csv.start(exportCol), csv.end(exportCol));
            if (code >= 0) {
                exportWh = code;
            } else if (code != KwhParser.EMPTY) {
                s.problem(
                        exportCol,
                        s.kwh.reason(code, csv.field(exportCol)),
                        s.kwh.code(code),
                        s.kwh.args(code, csv.field(exportCol)));
                bad = true;
            }
        }
        if (bad) {
            return;
        }
        s.tally.meter(id);
        names.putIfAbsent(id, name);
        long milli = at.toEpochMilli();
        Long export = exportWh == CounterHistory.NO_EXPORT ? null : exportWh;
        if (kind == ImportSummary.Kind.INTERVALS) {
            long earlier =
                    intervals.computeIfAbsent(id, k -> new QuarterHourSet()).add(milli, line);
            if (earlier != 0) {
                s.problems.line(
                        line,
                        "duplicate row for meter [" + name + "] at [" + timeText.strip() + "], first on line ["
                                + earlier + "]",
                        "duplicate_row",
                        name,
                        timeText.strip(),
                        String.valueOf(earlier));
                return;
            }
            s.tally.value(milli);
            s.resolution.add(id, at, zone);
            if (s.sink != null) {
                s.sink.interval(new ImportedInterval(id, at, importWh, export), line);
            }
            return;
        }
        if (counterOk(
                counters.computeIfAbsent(id, k -> new CounterHistory()),
                name,
                timeText,
                milli,
                importWh,
                exportWh,
                line)) {
            s.tally.value(milli);
            if (s.sink != null) {
                s.sink.counter(new CounterReading(id, at, importWh, export, ReadingSource.IMPORT), line);
            }
        }
    }

    private boolean counterOk(
            CounterHistory h, String name, String timeText, long milli, long importWh, long exportWh, long line) {
        int i = h.find(milli);
        if (i >= 0) {
            scan.problems.line(
                    line,
                    "duplicate row for meter [" + name + "] at [" + timeText.strip() + "], first on line [" + h.line(i)
                            + "]",
                    "duplicate_row",
                    name,
                    timeText.strip(),
                    String.valueOf(h.line(i)));
            return false;
        }
        int at = -i - 1;
        boolean ok = true;
        if (at > 0) {
            ok &= notBackwards(h.importWh(at - 1), importWh, h.line(at - 1), importCol, true);
            ok &= exportWh == CounterHistory.NO_EXPORT
                    || h.exportWh(at - 1) == CounterHistory.NO_EXPORT
                    || notBackwards(h.exportWh(at - 1), exportWh, h.line(at - 1), exportCol, true);
        }
        if (at < h.size()) {
            ok &= notBackwards(importWh, h.importWh(at), h.line(at), importCol, false);
            ok &= exportWh == CounterHistory.NO_EXPORT
                    || h.exportWh(at) == CounterHistory.NO_EXPORT
                    || notBackwards(exportWh, h.exportWh(at), h.line(at), exportCol, false);
        }
        h.insert(at, milli, importWh, exportWh, line);
        return ok;
    }

    /**
     * Each meter's counters of the file merged with the readings stored in the file's period (and the one before and
     * after it): a step backwards between a file row and a stored reading is a problem on the file's row. Steps
     * between two file rows were reported while reading; steps between two stored readings are not the file's. A
     * stored reading at the same instant as a file row wins (the import keeps existing values), so the file's
     * neighbours are compared with it.
     */
    private void againstStored() throws IOException {
        for (Map.Entry<Long, CounterHistory> e : counters.entrySet()) {
            long id = e.getKey();
            CounterHistory h = e.getValue();
            if (h.size() == 0) {
                continue;
            }
            String name = names.get(id);
            int[] next = {0};
            CounterReading[] last = {null};
            boolean[] lastStored = {false};
            long[] lastLine = {0};
            scan.stored.forEach(id, Instant.ofEpochMilli(h.time(0)), Instant.ofEpochMilli(h.time(h.size() - 1)), r -> {
                long t = r.readAt().toEpochMilli();
                while (next[0] < h.size() && h.time(next[0]) <= t) {
                    int i = next[0]++;
                    if (h.time(i) == t) {
                        continue;
                    }
                    CounterReading f = fileReading(id, h, i);
                    if (lastStored[0] && CounterOrder.backwards(last[0], f)) {
                        storedProblem(h.line(i), f, last[0], name, true);
                    }
                    last[0] = f;
                    lastStored[0] = false;
                    lastLine[0] = h.line(i);
                }
                if (last[0] != null && !lastStored[0] && CounterOrder.backwards(last[0], r)) {
                    storedProblem(lastLine[0], last[0], r, name, false);
                }
                last[0] = r;
                lastStored[0] = true;
            });
            if (lastStored[0] && next[0] < h.size()) {
                CounterReading f = fileReading(id, h, next[0]);
                if (CounterOrder.backwards(last[0], f)) {
                    storedProblem(h.line(next[0]), f, last[0], name, true);
                }
            }
        }
    }

    private static CounterReading fileReading(long id, CounterHistory h, int i) {
        long export = h.exportWh(i);
        return new CounterReading(
                id,
                Instant.ofEpochMilli(h.time(i)),
                h.importWh(i),
                export == CounterHistory.NO_EXPORT ? null : export,
                ReadingSource.IMPORT);
    }

    private void storedProblem(
            long line, CounterReading file, CounterReading stored, String name, boolean storedIsEarlier) {
        boolean importBack =
                storedIsEarlier ? file.importWh() < stored.importWh() : stored.importWh() < file.importWh();
        int column = importBack || exportCol < 0 ? importCol : exportCol;
        scan.problems.add(
                line,
                column + 1,
                scan.header[column],
                "counter went backwards: ["
                        + CounterOrder.kwh(file.importWh(), file.exportWh()) + "] "
                        + (storedIsEarlier ? "after" : "before")
                        + " the stored reading [" + CounterOrder.kwh(stored.importWh(), stored.exportWh())
                        + "] of meter ["
                        + name + "] at [" + stored.readAt() + "]");
    }

    private boolean notBackwards(long earlierWh, long laterWh, long otherLine, int column, boolean otherIsEarlier) {
        if (!CounterOrder.backwards(earlierWh, null, laterWh, null)) {
            return true;
        }
        String value = scan.csv.field(column).strip();
        scan.problem(
                column,
                otherIsEarlier
                        ? "counter went backwards: [" + value + "] kWh after [" + Scan.kwhText(earlierWh)
                                + "] kWh at an earlier time on line [" + otherLine + "]"
                        : "counter went backwards: [" + value + "] kWh before [" + Scan.kwhText(laterWh)
                                + "] kWh at a later time on line [" + otherLine + "]");
        return false;
    }
}
