package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.Objects;

/**
 * Reads meter values from a CSV file, streaming: memory does not grow with the number of values (apart from the
 * per-meter duplicate and counter checks noted below), and values go to an {@link ImportSink} as they are read.
 *
 * <h2>Two modes</h2>
 * <ul>
 * <li>{@link #preview}: one pass that reports every problem (the first {@link ImportOptions#maxProblems()} kept, all
 * counted) and a summary; nothing is emitted.</li>
 * <li>{@link #commit}: all or nothing. Pass 1 over {@code source.open()} validates; with any problem it returns that
 * report and the sink sees nothing. Otherwise pass 2 over a fresh {@code source.open()} validates again and hands
 * every value to the sink in file order. If pass 2 disagrees with pass 1 (the file changed), it throws
 * {@link ImportSourceChangedException}: run commit inside the transaction that stores the values.</li>
 * </ul>
 * The same file always yields the same values in the same order, so with idempotent storage a re-import changes
 * nothing.
 *
 * <h2>Common rules</h2>
 * <ul>
 * <li>Text: a {@link Reader} (decode files as UTF-8); a leading BOM is skipped. RFC 4180 quoting; CRLF, LF or CR line
 * ends; empty lines skipped. Delimiter {@code ','} or {@code ';'}, detected from the header line (more unquoted
 * semicolons than commas: {@code ';'}) unless given.</li>
 * <li>Header names are case-insensitive and blank-trimmed. A column with a blank header (other than the first, e.g.
 * from trailing delimiters) is ignored; a value in it is a problem.</li>
 * <li>Meter names are blank-trimmed and matched exactly (case-sensitive) against the caller's map of meter name to
 * meter id; an unknown name is a problem.</li>
 * <li>Energy cells: kWh as decimal text, exact, converted once to whole Wh rounding HALF_UP (on the fourth decimal of
 * kWh); decimal separator see {@link ImportOptions.Decimal}; no thousands separators, no sign, no exponent; negative
 * values are problems.</li>
 * <li>Timestamps: a date {@code yyyy-MM-dd}, {@code dd/MM/yyyy} (or {@code MM/dd/yyyy}, see
 * {@link ImportOptions.SlashDates}) or {@code dd.MM.yyyy} (day and month may have one digit); then {@code T} or
 * blanks; then {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fff} (up to 9 digits); then optionally, after
 * optional blanks, an offset {@code Z}, {@code +HH:MM}, {@code +HHMM} or {@code +HH}. Examples:
 * {@code 2025-01-01T00:15:00+01:00}, {@code 2025-01-01 00:15Z}, {@code 2025-01-01 00:15}, {@code 2025-01-01T00:15},
 * {@code 01/01/2025 00:15}, {@code 01.01.2025 00:15 +01:00}. With an offset the instant is exact. Without one the
 * time is local, in the zone the header states, else {@link ImportOptions#defaultZone()} (none: a problem). A local
 * time that does not exist (spring-forward gap, e.g. {@code 2025-03-30 02:15} in Europe/Berlin) or exists twice
 * (fall-back overlap, e.g. {@code 2025-10-26 02:15}) is a problem: write it with its offset
 * ({@code 2025-10-26 02:15+02:00} is the first, {@code +01:00} the second). Duplicates and ordering are decided
 * to the millisecond.</li>
 * <li>Every problem names line (1-based physical line where the record starts), column (1-based index and header
 * text) and reason with the value in brackets.</li>
 * </ul>
 *
 * <h2>Long layout</h2>
 * Header columns, any order: {@code meter}, {@code timestamp} (may state a zone: {@code timestamp (Europe/Berlin)} or
 * {@code timestamp [UTC]}), then either counters {@code import_kwh} and optionally {@code export_kwh} (cumulative
 * counters, read at the timestamp) or intervals {@code interval_import_kwh} and optionally
 * {@code interval_export_kwh} (energy of the 15 minutes starting at the timestamp, which must be on a quarter hour).
 * Other columns are problems. An import value is required; an empty export cell means none (null). Per meter:
 * a second row at the same instant is a duplicate; counters must not decrease with time, whatever the row order
 * (a backward step is reported on the row that reveals it). The checks keep 32 bytes per counter row and 4 bytes
 * per interval row in memory.
 *
 * <h2>Wide layout</h2>
 * First column: the meter name (its header text is free and may state a zone: {@code meter (Europe/Berlin)}).
 * Then descriptive columns, ignored: {@link ImportOptions#descriptiveColumns()} of them, or else every column up to
 * the first whose header starts with a digit. Then one column per interval, headed by its local start
 * ({@code 01/01/2025 00:15}, or with offset {@code 26/10/2025 02:00 +02:00} for the repeated hour), each on a quarter
 * hour and distinct. Cells are the interval's import energy in kWh; empty cell = no value. One row per meter.
 *
 * <h2>Limits from the ledger</h2>
 * With {@link ImportLimits}: a value outside the accepted period, or before its meter's installation, is a problem
 * (on the row, or on the header column in the wide layout). With {@link StoredReadings}: a counter that goes
 * backwards against a reading already stored is a problem on the file's row, by the same rule as a manual reading
 * ({@link org.hausmeter.ledger.CounterOrder}). A file that is not UTF-8 (see {@link FileEncoding}) is one problem.
 *
 * <h2>Resolution</h2>
 * An interval file's time step is detected from its timestamps ({@link Resolution}: the greatest common divisor of
 * each meter's distances, daily when all starts are local midnights). Hourly, daily or any step above 15 minutes is a
 * problem naming the detected resolution, unless {@link ImportOptions#spread()}: then {@link #commit} hands the sink
 * each value spread evenly onto its quarter hours, marked {@link ImportedInterval#estimated()}.
 */
public final class MeterCsvImport {
    private final Map<String, Long> meterIds;
    private final ImportOptions options;
    private final ImportLimits limits;
    private final StoredReadings stored;

    /**
     * @param meterIds known meters: name as written in files to meter id
     * @param options  how to read the file
     */
    public MeterCsvImport(Map<String, Long> meterIds, ImportOptions options) {
        this(meterIds, options, ImportLimits.NONE, StoredReadings.NONE);
    }

    /**
     * @param limits the accepted period and the meters' installation instants
     * @param stored the readings already in the ledger: counters in the file must not go backwards against them
     *               (checked in validating passes only, so inside {@link #commit} by its first pass)
     */
    public MeterCsvImport(
            Map<String, Long> meterIds, ImportOptions options, ImportLimits limits, StoredReadings stored) {
        this.meterIds = Map.copyOf(meterIds);
        this.options = Objects.requireNonNull(options, "options");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    /** Validates the file: all problems and a summary, nothing emitted. Does not close the reader. */
    public ImportReport preview(Reader in) throws IOException {
        return scan(in, null);
    }

    /** Validates the file: all problems and a summary, nothing emitted. */
    public ImportReport preview(ReaderSource source) throws IOException {
        try (Reader in = source.open()) {
            return scan(in, null);
        } catch (FileEncoding.NotUtf8 e) {
            return notUtf8(e);
        }
    }

    /** A file that is not text in an encoding we read: one problem, nothing else looked at. */
    private ImportReport notUtf8(FileEncoding.NotUtf8 e) {
        return new ImportReport(
                options.file(),
                new ImportSummary(null, null, 0, 0, 0, null, null, null),
                1,
                options.maxProblems() == 0
                        ? java.util.List.of()
                        : java.util.List.of(new ImportProblem(options.file(), e.line(), 0, null, e.getMessage())));
    }

    /**
     * Validates the file, then, only if it has no problem, reads it again and hands every value to the sink. Returns
     * the report of the first pass when it has problems (sink untouched), else that of the second.
     *
     * @throws ImportSourceChangedException when the second pass does not match the first
     */
    public ImportReport commit(ReaderSource source, ImportSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        ImportReport checked = preview(source);
        if (!checked.ok()) {
            return checked;
        }
        ImportReport written;
        Resolution resolution = checked.summary().resolution();
        ImportSink target = resolution != null && resolution.coarser() && options.spread()
                ? new SpreadSink(sink, resolution, options.defaultZone())
                : sink;
        try (Reader in = source.open()) {
            written = scan(in, target);
        }
        if (!written.ok() || !written.summary().equals(checked.summary())) {
            throw new ImportSourceChangedException(checked, written);
        }
        return written;
    }

    private ImportReport scan(Reader in, ImportSink sink) throws IOException {
        Scan scan = new Scan(options, meterIds, sink, CsvReader.open(in, options.delimiter()), limits, stored);
        ImportSummary summary;
        if (options.decimal() == ImportOptions.Decimal.COMMA && scan.csv.delimiter() == ',') {
            scan.problems.line(1, "decimal comma needs a delimiter other than [,]");
            summary = scan.tally.summary(null, null);
        } else if (!scan.readHeader()) {
            summary = scan.tally.summary(null, null);
        } else if (layout(scan.header) == ImportOptions.Layout.LONG) {
            summary = new LongFormat(scan).run();
        } else {
            summary = new WideFormat(scan).run();
        }
        return new ImportReport(options.file(), summary, scan.problems.count(), scan.problems.kept());
    }

    private ImportOptions.Layout layout(String[] header) {
        if (options.layout() != ImportOptions.Layout.AUTO) {
            return options.layout();
        }
        for (String h : header) {
            if (HeaderCell.parse(h).name().equals("timestamp")) {
                return ImportOptions.Layout.LONG;
            }
        }
        return ImportOptions.Layout.WIDE;
    }
}
