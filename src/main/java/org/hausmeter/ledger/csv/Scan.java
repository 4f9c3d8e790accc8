package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

/** State of one pass over one file, shared by the two layouts. */
final class Scan {
    final ImportOptions options;
    final Map<String, Long> meterIds;
    final ImportSink sink;
    final CsvReader csv;
    final ProblemLog problems;
    final Tally tally = new Tally();
    final KwhParser kwh;
    final TimestampParser timestamps;
    final ImportLimits limits;
    final StoredReadings stored;
    final ResolutionDetector resolution = new ResolutionDetector();
    String[] header;
    /** Columns after the first with a blank header (trailing delimiters): ignored, but must stay empty. */
    private int[] blankColumns;

    Scan(
            ImportOptions options,
            Map<String, Long> meterIds,
            ImportSink sink,
            CsvReader csv,
            ImportLimits limits,
            StoredReadings stored) {
        this.limits = limits;
        this.stored = stored;
        this.options = options;
        this.meterIds = meterIds;
        this.sink = sink;
        this.csv = csv;
        this.problems = new ProblemLog(options.file(), options.maxProblems());
        this.kwh = new KwhParser(options.decimal(), csv.delimiter());
        this.timestamps = new TimestampParser(options.slashDates());
    }

    /** Reads the header row; false (with a problem) when there is none. */
    boolean readHeader() throws IOException {
        try {
            if (!csv.next()) {
                problems.line(1, "empty file: no header row", "empty_file");
                return false;
            }
        } catch (CsvReader.SyntaxError e) {
            problems.line(e.line, "header column [" + e.column + "]: " + e.getMessage());
            return false;
        }
        header = new String[csv.fieldCount()];
        int blanks = 0;
        blankColumns = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            header[i] = csv.field(i);
            if (i > 0 && header[i].isBlank()) {
                blankColumns[blanks++] = i;
            }
        }
        blankColumns = Arrays.copyOf(blankColumns, blanks);
        return true;
    }

    /** Reads the next data row and counts it; false at the end. Malformed rows are reported and skipped. */
    boolean nextRow() throws IOException {
        while (true) {
            try {
                if (!csv.next()) {
                    return false;
                }
                tally.rows++;
                if (csv.fieldCount() != header.length) {
                    problems.line(
                            csv.line(),
                            "expected [" + header.length + "] fields, found [" + csv.fieldCount() + "]",
                            "field_count",
                            String.valueOf(header.length),
                            String.valueOf(csv.fieldCount()));
                    continue;
                }
                for (int c : blankColumns) {
                    if (!csv.field(c).isBlank()) {
                        problem(c, "value [" + csv.field(c) + "] in a column without header");
                    }
                }
                return true;
            } catch (CsvReader.SyntaxError e) {
                tally.rows++;
                if (e.column <= header.length) {
                    problems.add(e.line, e.column, header[e.column - 1], e.getMessage());
                } else {
                    problems.line(e.line, "column [" + e.column + "] beyond the header: " + e.getMessage());
                }
            }
        }
    }

    /**
     * An interval file with hourly or daily values is a problem unless the caretaker chose to spread them onto quarter
     * hours ({@link ImportOptions#spread()}): bills need quarter hours, and four equal quarters are an estimate.
     */
    void checkResolution() {
        Resolution r = resolution.resolution();
        if (r.coarser() && !options.spread()) {
            problems.line(
                    1,
                    "the file's values are " + r.text() + " (detected from its timestamps), not quarter hours; bills"
                            + " need quarter-hour values: import with the option [spread onto quarter hours] to store"
                            + " them as ESTIMATED quarter hours");
        }
    }

    void problem(int column, String reason) {
        problems.add(csv.line(), column + 1, header[column], reason);
    }

    /** A problem of a field with its code and the values of its text ({@link ImportProblem#code}). */
    void problem(int column, String reason, String code, String... args) {
        problems.add(csv.line(), column + 1, header[column], reason, code, args);
    }

    /** The zone stated in a header cell, else the default; null with a problem when the stated zone is unknown. */
    ZoneId zone(int column, HeaderCell cell, boolean[] bad) {
        if (cell.zone() == null) {
            return options.defaultZone();
        }
        try {
            return ZoneId.of(cell.zone());
        } catch (DateTimeException e) {
            problem(column, "unknown time zone [" + cell.zone() + "]", "unknown_zone", cell.zone());
            bad[0] = true;
            return null;
        }
    }

    static String kwhText(long wh) {
        long frac = wh % 1000;
        return wh / 1000 + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}
