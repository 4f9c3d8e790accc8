package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.CounterOrder;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.Provenance;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.csv.ImportLimits;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.csv.ImportReport;
import org.hausmeter.ledger.csv.ImportSink;
import org.hausmeter.ledger.csv.ImportSummary;
import org.hausmeter.ledger.csv.ImportedInterval;
import org.hausmeter.ledger.csv.MeterCsvImport;
import org.hausmeter.ledger.csv.ReaderSource;
import org.hausmeter.ledger.csv.StoredReadings;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * CSV imports of counter readings or interval energy (both layouts of {@link MeterCsvImport}):
 * a preview that lists every bad line, and an all-or-nothing commit in one database transaction.
 * Values already in the ledger are kept (re-importing a file changes nothing); the answer says how
 * many were new. Imported intervals get quality IMPORTED, which no derivation overwrites. The commit
 * and its audit event are one transaction.
 */
@ApplicationScoped
public class CsvImports {

    /**
     * What a commit did: the parser's report, how many values were new in the ledger, and what happened to values that
     * were already there: {@code unchanged} (stored value equal), {@code kept} (stored value differs and was kept on
     * the caretaker's choice), {@code replaced} (on the caretaker's choice, with reason, audited). With conflicts and
     * no choice nothing is stored ({@code stored} false) and the conflicts are listed (the first 1,000; all counted).
     *
     * @param alreadyPresent values not inserted and not replaced (unchanged + kept)
     */
    public record Outcome(
            ImportReport report,
            long inserted,
            long alreadyPresent,
            long unchanged,
            long kept,
            long replaced,
            long conflictCount,
            List<Conflict> conflicts,
            boolean stored) {}

    /**
     * A value of the file that differs from the stored one, with both values and sources.
     *
     * @param kind READING (counter) or INTERVAL (quarter hour)
     */
    public record Conflict(
            String kind,
            String meter,
            Instant at,
            long storedImportWh,
            Long storedExportWh,
            Provenance storedSource,
            long newImportWh,
            Long newExportWh,
            Provenance newSource) {
        public static final String READING = "READING";
        public static final String INTERVAL = "INTERVAL";
    }

    /** The preview: the parser's report and, for a file without problems, the values that differ from stored ones. */
    public record Preview(ImportReport report, long conflictCount, List<Conflict> conflicts) {}

    private final AgroalDataSource dataSource;
    private final ReadingPartitions partitions;
    private final BuildingSettings settings;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;
    private final Optional<LocalDate> earliest;
    private final int latestDaysAhead;

    CsvImports(
            AgroalDataSource dataSource,
            ReadingPartitions partitions,
            BuildingSettings settings,
            com.fasterxml.jackson.databind.ObjectMapper json,
            Clock clock,
            @ConfigProperty(name = "hausmeter.import.earliest") Optional<LocalDate> earliest,
            @ConfigProperty(name = "hausmeter.import.latest-days-ahead", defaultValue = "1") int latestDaysAhead) {
        if (latestDaysAhead < 0) {
            throw new IllegalArgumentException("hausmeter.import.latest-days-ahead must not be negative");
        }
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.earliest = earliest;
        this.latestDaysAhead = latestDaysAhead;
    }

    /** The installed meters: names to ids, and ids to installation instants. */
    private record Known(Map<String, Long> ids, Map<Long, Instant> installed, Instant firstInstalled) {}

    /**
     * What an import may hold now: values from {@code hausmeter.import.earliest} (a local day in the building's zone;
     * unset: the earliest installation of any meter) up to the end of the day {@code hausmeter.import.latest-days-ahead}
     * days after today (default 1: tomorrow), and no value of a meter before its installation. Partitions of
     * {@code meter_reading} are only ever created for a file that passed these limits.
     */
    public ImportLimits limits() {
        return limits(known());
    }

    private ImportLimits limits(Known known) {
        ZoneId zone = settings.current().zone();
        Instant from = earliest.map(d -> d.atStartOfDay(zone).toInstant()).orElse(known.firstInstalled());
        Instant to = LocalDate.ofInstant(clock.instant(), zone)
                .plusDays(latestDaysAhead + 1L)
                .atStartOfDay(zone)
                .toInstant();
        if (from != null && !from.isBefore(to)) {
            from = null;
        }
        return new ImportLimits(from, to, known.installed(), zone);
    }

    public ImportOptions options(String fileName, ZoneId zone) {
        return ImportOptions.defaults(
                fileName, zone == null ? settings.current().zone() : zone);
    }

    /** Validates the file and lists its problems; for a file without problems also the values that differ from stored ones. */
    public Preview preview(Path file, ImportOptions options) throws IOException {
        Known known = known();
        ImportReport report = new MeterCsvImport(known.ids(), options, limits(known), this::storedReadings)
                .preview(ReaderSource.of(file));
        if (!report.ok() || report.summary().values() == 0) {
            return new Preview(report, 0, List.of());
        }
        ImportSummary summary = report.summary();
        boolean counters = summary.kind() == ImportSummary.Kind.COUNTERS;
        try (Connection c = dataSource.getConnection()) {
            // Staged and compared inside a transaction that is rolled back (no partition is created by a preview).
            Outcome o = store(
                    c,
                    new MeterCsvImport(known.ids(), options, limits(known), StoredReadings.NONE),
                    file,
                    counters,
                    summary,
                    "preview",
                    options.file(),
                    json,
                    known.ids(),
                    Choice.REFUSE,
                    true);
            return new Preview(report, o.conflictCount(), o.conflicts());
        } catch (SQLException e) {
            throw new IOException("Comparing the file with the stored values failed: " + e.getMessage(), e);
        }
    }

    /**
     * Validates the whole file (also against the limits and the readings already stored), then stores everything or
     * nothing. Values that differ from stored ones are conflicts: without a choice ({@link Choice#REFUSE}) nothing is
     * stored and the outcome lists them.
     */
    public Outcome commit(String actor, Path file, ImportOptions options) throws IOException, SQLException {
        return commit(actor, file, options, Choice.REFUSE);
    }

    /** The same with the caretaker's choice for conflicts: keep the stored values, or replace them with a reason. */
    public Outcome commit(String actor, Path file, ImportOptions options, Choice choice)
            throws IOException, SQLException {
        Known known = known();
        Map<String, Long> ids = known.ids();
        ImportLimits limits = limits(known);
        ImportReport check =
                new MeterCsvImport(ids, options, limits, this::storedReadings).preview(ReaderSource.of(file));
        if (!check.ok()) {
            return new Outcome(check, 0, 0, 0, 0, 0, 0, List.of(), false);
        }
        // The stored readings were checked just now; the passes inside the COPY do not ask again.
        MeterCsvImport importer = new MeterCsvImport(ids, options, limits, StoredReadings.NONE);
        ImportSummary summary = check.summary();
        boolean counters = summary.kind() == ImportSummary.Kind.COUNTERS;
        if (counters && summary.first() != null) {
            partitions.ensureCovering(summary.first(), summary.last().plusMillis(1));
        }
        try (Connection c = dataSource.getConnection()) {
            return store(c, importer, file, counters, summary, actor, options.file(), json, ids, choice, false);
        }
    }

    /**
     * The storing half of {@link #commit} on a plain connection (benchmarks): the file must have
     * passed validation and the partitions must exist.
     */
    public static Outcome commitValidated(
            Connection c,
            Map<String, Long> meterIds,
            Path file,
            ImportOptions options,
            ImportSummary summary,
            String actor,
            com.fasterxml.jackson.databind.ObjectMapper json)
            throws SQLException, IOException {
        return copyIn(
                c,
                new MeterCsvImport(meterIds, options),
                file,
                summary.kind() == ImportSummary.Kind.COUNTERS,
                summary,
                actor,
                options.file(),
                json,
                meterIds);
    }

    /** True when none of the meters has a row in the file's period: then COPY goes straight into the table. */
    private static boolean periodIsEmpty(
            Connection c, boolean counters, Map<String, Long> meterIds, ImportSummary summary) throws SQLException {
        if (summary.first() == null) {
            return false;
        }
        // Spread values reach up to a day past the last start.
        Instant last = summary.resolution() != null && summary.resolution().coarser()
                ? summary.last().plusSeconds(26 * 3600L)
                : summary.last();
        String sql = counters
                ? "SELECT 1 FROM meter_reading WHERE meter_id = ANY(?) AND read_at >= ? AND read_at <= ? LIMIT 1"
                : "SELECT 1 FROM interval_energy WHERE meter_id = ANY(?) AND interval_start >= ? AND interval_start <= ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", meterIds.values().toArray(new Long[0])));
            ps.setTimestamp(2, java.sql.Timestamp.from(summary.first()));
            ps.setTimestamp(3, java.sql.Timestamp.from(last));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        }
    }

    /** The caretaker's choice for values that differ from stored ones, with the reason for REPLACE. */
    public record Choice(ImportedIntervals.OnConflict onConflict, String reason) {
        public static final Choice REFUSE = new Choice(ImportedIntervals.OnConflict.REFUSE, null);
    }

    private static Outcome copyIn(
            Connection c,
            MeterCsvImport importer,
            Path file,
            boolean counters,
            ImportSummary summary,
            String actor,
            String name,
            com.fasterxml.jackson.databind.ObjectMapper json,
            Map<String, Long> meterIds)
            throws SQLException, IOException {
        return store(c, importer, file, counters, summary, actor, name, json, meterIds, Choice.REFUSE, false);
    }

    /**
     * Stores a validated file with its provenance ({@code import_source} row: file name, SHA-256, actor; per value the
     * line). With {@code compareOnly} nothing is written: the outcome lists the conflicts (the preview).
     */
    private static Outcome store(
            Connection c,
            MeterCsvImport importer,
            Path file,
            boolean counters,
            ImportSummary summary,
            String actor,
            String name,
            com.fasterxml.jackson.databind.ObjectMapper json,
            Map<String, Long> meterIds,
            Choice choice,
            boolean compareOnly)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            boolean direct = periodIsEmpty(c, counters, meterIds, summary);
            if (direct && compareOnly) {
                c.rollback();
                return new Outcome(null, 0, 0, 0, 0, 0, 0, List.of(), false);
            }
            Provenance source = Provenance.csv(name, actor);
            String sha = sha256(file);
            Outcome outcome = counters
                    ? storeCounters(c, importer, file, source, sha, direct, choice, compareOnly)
                    : storeIntervals(c, importer, file, source, sha, direct, choice, compareOnly);
            if (compareOnly || !outcome.stored()) {
                c.rollback();
                return outcome;
            }
            long values = outcome.report().summary().values();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("file", name);
            after.put("sha256", sha);
            after.put("kind", summary.kind().name());
            after.put("layout", summary.layout().name());
            after.put(
                    "resolution",
                    summary.resolution() == null ? null : summary.resolution().text());
            after.put("values", values);
            after.put("inserted", outcome.inserted());
            after.put("unchanged", outcome.unchanged());
            after.put("kept", outcome.kept());
            after.put("replaced", outcome.replaced());
            after.put("meters", summary.meters());
            after.put("first", String.valueOf(summary.first()));
            after.put("last", String.valueOf(summary.last()));
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO audit_event (at, actor, action, subject, after, reason)"
                            + " VALUES (now(), ?, 'import.commit', ?, ?::jsonb, ?)")) {
                ps.setString(1, actor);
                ps.setString(2, "import:" + name);
                ps.setString(3, json.writeValueAsString(after));
                ps.setString(4, outcome.replaced() > 0 ? "CSV import: " + choice.reason() : "CSV import");
                ps.executeUpdate();
            }
            c.commit();
            return outcome;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static Outcome storeIntervals(
            Connection c,
            MeterCsvImport importer,
            Path file,
            Provenance source,
            String sha,
            boolean direct,
            Choice choice,
            boolean compareOnly)
            throws SQLException, IOException {
        // Read before any COPY starts: the connection takes no other statement during it.
        Set<Long> pv = pvMeters(c);
        try (ImportedIntervals w =
                direct ? ImportedIntervals.openDirect(c, source, sha) : ImportedIntervals.open(c, source, sha)) {
            ImportSink sink = new ImportSink() {
                @Override
                public void counter(CounterReading reading) {
                    throw new IllegalStateException("counter in an interval file");
                }

                @Override
                public void interval(ImportedInterval i) {
                    interval(i, 0);
                }

                @Override
                public void interval(ImportedInterval value, long line) {
                    ImportedInterval i = pvProduction(pv, value);
                    w.add(
                            i.meterId(),
                            i.intervalStart(),
                            i.importWh(),
                            i.exportWh(),
                            i.estimated() ? IntervalQuality.ESTIMATED : IntervalQuality.IMPORTED,
                            line);
                }
            };
            ImportReport report = importer.commit(ReaderSource.of(file), sink);
            ImportedIntervals.Result r = compareOnly ? w.compareOnly() : w.finish(choice.onConflict(), choice.reason());
            List<Conflict> conflicts = new ArrayList<>();
            for (ImportedIntervals.Conflict k : r.conflicts()) {
                conflicts.add(new Conflict(
                        Conflict.INTERVAL,
                        k.meter(),
                        k.intervalStart(),
                        k.storedImportWh(),
                        k.storedExportWh(),
                        k.storedSource(),
                        k.newImportWh(),
                        k.newExportWh(),
                        k.newSource()));
            }
            return new Outcome(
                    report,
                    r.inserted(),
                    r.values() - r.inserted() - r.replaced(),
                    r.unchanged(),
                    r.kept(),
                    r.replaced(),
                    r.conflictCount(),
                    conflicts,
                    r.stored());
        }
    }

    private static Outcome storeCounters(
            Connection c,
            MeterCsvImport importer,
            Path file,
            Provenance source,
            String sha,
            boolean direct,
            Choice choice,
            boolean compareOnly)
            throws SQLException, IOException {
        long sourceId = ImportedIntervals.sourceRow(c, source, sha, null);
        // Read before the COPY starts: the connection takes no other statement during it.
        Set<Long> pv = pvMeters(c);
        try (Statement st = c.createStatement()) {
            if (!direct) {
                st.execute("CREATE TEMP TABLE IF NOT EXISTS csv_reading_in (meter_id bigint, read_at timestamptz,"
                        + " import_wh bigint, export_wh bigint, source_position bigint) ON COMMIT DELETE ROWS");
                st.execute("TRUNCATE csv_reading_in");
            }
            String target = direct
                    ? "meter_reading (meter_id, read_at, import_wh, export_wh, source_position, source, source_id)"
                    : "csv_reading_in (meter_id, read_at, import_wh, export_wh, source_position)";
            String suffix = direct ? "\tIMPORT\t" + sourceId : "";
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
            StringBuilder line = new StringBuilder(96);
            ImportSink sink = new ImportSink() {
                @Override
                public void counter(CounterReading r) {
                    counter(r, 0);
                }

                @Override
                public void counter(CounterReading read, long pos) {
                    CounterReading r = pvProduction(pv, read);
                    row(copy, line, r.meterId(), r.readAt(), r.importWh(), r.exportWh(), pos, suffix);
                }

                @Override
                public void interval(ImportedInterval interval) {
                    throw new IllegalStateException("interval in a counter file");
                }
            };
            ImportReport report;
            try {
                report = importer.commit(ReaderSource.of(file), sink);
                copy.endCopy();
            } catch (RuntimeException | IOException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
            long values = report.summary().values();
            if (direct) {
                long inserted = copy.getHandledRowCount();
                return new Outcome(report, inserted, values - inserted, 0, 0, 0, 0, List.of(), true);
            }
            String differs = "(r.import_wh <> s.import_wh OR (s.export_wh IS NOT NULL"
                    + " AND r.export_wh IS DISTINCT FROM s.export_wh))";
            long conflictCount;
            long unchanged;
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE " + differs + "),"
                    + " count(*) FILTER (WHERE NOT " + differs + ") FROM csv_reading_in s"
                    + " JOIN meter_reading r ON r.meter_id = s.meter_id AND r.read_at = s.read_at")) {
                rs.next();
                conflictCount = rs.getLong(1);
                unchanged = rs.getLong(2);
            }
            List<Conflict> conflicts = new ArrayList<>();
            if (conflictCount > 0) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT m.name, s.read_at, r.import_wh, r.export_wh,"
                        + " r.source, src.kind, src.name, r.source_position, src.actor, s.import_wh, s.export_wh,"
                        + " s.source_position FROM csv_reading_in s JOIN meter_reading r ON r.meter_id = s.meter_id"
                        + " AND r.read_at = s.read_at JOIN meter m ON m.id = s.meter_id"
                        + " LEFT JOIN import_source src ON src.id = r.source_id WHERE " + differs
                        + " ORDER BY s.source_position, m.name LIMIT " + ImportedIntervals.MAX_LISTED)) {
                    while (rs.next()) {
                        long pos = rs.getLong(8);
                        Long storedPos = rs.wasNull() ? null : pos;
                        Provenance stored = rs.getString(6) != null
                                ? ImportedIntervals.provenance(
                                        rs.getString(6), rs.getString(7), storedPos, rs.getString(9), null)
                                : readingSource(rs.getString(5));
                        conflicts.add(new Conflict(
                                Conflict.READING,
                                rs.getString(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getLong(3),
                                nullableLong(rs, 4),
                                stored,
                                rs.getLong(10),
                                nullableLong(rs, 11),
                                source.at(rs.getLong(12))));
                    }
                }
            }
            if (compareOnly || conflictCount > 0 && choice.onConflict() == ImportedIntervals.OnConflict.REFUSE) {
                return new Outcome(report, 0, 0, unchanged, 0, 0, conflictCount, conflicts, false);
            }
            long replaced = 0;
            if (conflictCount > 0 && choice.onConflict() == ImportedIntervals.OnConflict.REPLACE) {
                if (choice.reason() == null || choice.reason().isBlank()) {
                    throw new LedgerException(
                            LedgerException.Kind.INVALID, "Replacing stored values needs a reason (it is audited)");
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE import_source SET reason = ? WHERE id = ?")) {
                    ps.setString(1, choice.reason());
                    ps.setLong(2, sourceId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE meter_reading r SET import_wh = s.import_wh,"
                        + " export_wh = coalesce(s.export_wh, r.export_wh), source = 'IMPORT', source_id = ?,"
                        + " source_position = s.source_position FROM csv_reading_in s WHERE r.meter_id = s.meter_id"
                        + " AND r.read_at = s.read_at AND " + differs)) {
                    ps.setLong(1, sourceId);
                    replaced = ps.executeUpdate();
                }
                auditReplaced(c, source, conflicts, replaced, choice.reason());
                checkOrderAfterReplace(c);
            }
            long inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meter_reading (meter_id, read_at, import_wh,"
                    + " export_wh, source, source_id, source_position) SELECT meter_id, read_at, import_wh,"
                    + " export_wh, 'IMPORT', ?, source_position FROM csv_reading_in"
                    + " ON CONFLICT (meter_id, read_at) DO NOTHING")) {
                ps.setLong(1, sourceId);
                inserted = ps.executeUpdate();
            }
            long kept = choice.onConflict() == ImportedIntervals.OnConflict.KEEP ? conflictCount : 0;
            return new Outcome(
                    report,
                    inserted,
                    values - inserted - replaced,
                    unchanged,
                    kept,
                    replaced,
                    conflictCount,
                    conflicts,
                    true);
        }
    }

    private static Long nullableLong(java.sql.ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /**
     * The provenance of a stored reading without a source row: the poller, the caretaker (a manual reading or a meter
     * exchange), or a CSV import from before provenance was recorded.
     */
    static Provenance readingSource(String source) {
        return switch (source) {
            case "POLL", "OCPP" -> Provenance.poll();
            case "MANUAL", "EXCHANGE" -> Provenance.manual(null);
            default -> Provenance.csv("?", null);
        };
    }

    /**
     * After replacing stored readings, each replaced reading must still fit between its stored neighbours (the same
     * rule as a manual correction, {@link CounterOrder}); otherwise the whole import is refused with both named.
     */
    private static void checkOrderAfterReplace(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT m.name, s.read_at, s.import_wh, s.export_wh,"
                        + " p.read_at, p.import_wh, p.export_wh, n.read_at, n.import_wh, n.export_wh"
                        + " FROM csv_reading_in s JOIN meter m ON m.id = s.meter_id"
                        + " LEFT JOIN LATERAL (SELECT read_at, import_wh, export_wh FROM meter_reading"
                        + " WHERE meter_id = s.meter_id AND read_at < s.read_at ORDER BY read_at DESC LIMIT 1) p ON true"
                        + " LEFT JOIN LATERAL (SELECT read_at, import_wh, export_wh FROM meter_reading"
                        + " WHERE meter_id = s.meter_id AND read_at > s.read_at ORDER BY read_at LIMIT 1) n ON true"
                        + " WHERE EXISTS (SELECT 1 FROM meter_reading r WHERE r.meter_id = s.meter_id"
                        + " AND r.read_at = s.read_at)")) {
            while (rs.next()) {
                CounterReading self = new CounterReading(
                        0, rs.getTimestamp(2).toInstant(), rs.getLong(3), nullableLong(rs, 4), ReadingSource.IMPORT);
                if (rs.getTimestamp(5) != null) {
                    CounterReading prev = new CounterReading(
                            0,
                            rs.getTimestamp(5).toInstant(),
                            rs.getLong(6),
                            nullableLong(rs, 7),
                            ReadingSource.IMPORT);
                    if (CounterOrder.backwards(prev, self)) {
                        throw backwards(rs.getString(1), self, prev, "after");
                    }
                }
                if (rs.getTimestamp(8) != null) {
                    CounterReading next = new CounterReading(
                            0,
                            rs.getTimestamp(8).toInstant(),
                            rs.getLong(9),
                            nullableLong(rs, 10),
                            ReadingSource.IMPORT);
                    if (CounterOrder.backwards(self, next)) {
                        throw backwards(rs.getString(1), self, next, "before");
                    }
                }
            }
        }
    }

    private static LedgerException backwards(String meter, CounterReading self, CounterReading other, String where) {
        return new LedgerException(
                LedgerException.Kind.INVALID,
                "Replacing the stored reading of meter [" + meter + "] at [" + self.readAt() + "] with ["
                        + CounterOrder.kwh(self.importWh(), self.exportWh()) + "] makes the counter go backwards: "
                        + where + " the stored reading [" + CounterOrder.kwh(other.importWh(), other.exportWh())
                        + "] at [" + other.readAt() + "]");
    }

    private static void auditReplaced(Connection c, Provenance source, List<Conflict> listed, long count, String reason)
            throws SQLException {
        List<ImportedIntervals.Replaced> rows = new ArrayList<>();
        for (Conflict k : listed) {
            rows.add(new ImportedIntervals.Replaced(
                    k.meter(),
                    k.at(),
                    k.storedImportWh(),
                    k.storedExportWh(),
                    k.storedSource(),
                    k.newImportWh(),
                    k.newExportWh(),
                    k.newSource()));
        }
        ImportedIntervals.auditReplaced(c, source, "at", rows, count, reason);
    }

    /** Lower-case hex SHA-256 of the file, read in 64 KB blocks. */
    static String sha256(Path file) throws IOException {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(
            CopyIn copy,
            StringBuilder line,
            long meterId,
            Instant at,
            long importWh,
            Long exportWh,
            long position,
            String suffix) {
        line.setLength(0);
        line.append(meterId)
                .append('\t')
                .append(at)
                .append('\t')
                .append(importWh)
                .append('\t')
                .append(exportWh == null ? "\\N" : exportWh.toString())
                .append('\t')
                .append(position > 0 ? Long.toString(position) : "\\N")
                .append(suffix)
                .append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** The ids of the PV meters (any installation). */
    private static Set<Long> pvMeters(Connection c) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT id FROM meter WHERE role = 'PV'")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * A PV meter's production is its export register (its import register is the inverter's own consumption). A file
     * value of a PV meter without an export value (the wide layout, or the long layout without an export column) is
     * its production: stored as export, with import 0 (docs/csv-import.md, "PV meters").
     */
    static ImportedInterval pvProduction(Set<Long> pv, ImportedInterval i) {
        return pv.contains(i.meterId()) && i.exportWh() == null
                ? new ImportedInterval(i.meterId(), i.intervalStart(), 0, i.importWh(), i.estimated())
                : i;
    }

    /** The same rule for a counter reading: a PV meter's single counter is its production (export) counter. */
    static CounterReading pvProduction(Set<Long> pv, CounterReading r) {
        return pv.contains(r.meterId()) && r.exportWh() == null
                ? new CounterReading(r.meterId(), r.readAt(), 0, r.importWh(), r.source())
                : r;
    }

    /** Meter names to ids: the installed meter of each name (an exchanged meter's history by its old row is not addressable by name). */
    Map<String, Long> meterIds() {
        return known().ids();
    }

    private Known known() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> ids = new HashMap<>();
            Map<Long, Instant> installed = new HashMap<>();
            Instant first = null;
            for (Meter m : Meter.<Meter>list("removedAt is null")) {
                ids.put(m.name, m.id);
                installed.put(m.id, m.installedAt);
            }
            for (Meter m : Meter.<Meter>listAll()) {
                if (first == null || m.installedAt.isBefore(first)) {
                    first = m.installedAt;
                }
            }
            return new Known(ids, installed, first);
        });
    }

    /** The stored readings of one meter in [from, to] with the one before and after, oldest first (streamed). */
    private void storedReadings(long meterId, Instant from, Instant to, Consumer<CounterReading> each)
            throws IOException {
        String cols = "SELECT read_at, import_wh, export_wh FROM meter_reading WHERE meter_id = ?";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("(" + cols + " AND read_at < ? ORDER BY read_at DESC LIMIT 1)"
                            + " UNION ALL (" + cols + " AND read_at >= ? AND read_at <= ?)"
                            + " UNION ALL (" + cols + " AND read_at > ? ORDER BY read_at LIMIT 1) ORDER BY read_at")) {
                ps.setFetchSize(10_000);
                java.sql.Timestamp f = java.sql.Timestamp.from(from);
                java.sql.Timestamp t = java.sql.Timestamp.from(to);
                ps.setLong(1, meterId);
                ps.setTimestamp(2, f);
                ps.setLong(3, meterId);
                ps.setTimestamp(4, f);
                ps.setTimestamp(5, t);
                ps.setLong(6, meterId);
                ps.setTimestamp(7, t);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long export = rs.getLong(3);
                        Long exportWh = rs.wasNull() ? null : export;
                        each.accept(new CounterReading(
                                meterId,
                                rs.getTimestamp(1).toInstant(),
                                rs.getLong(2),
                                exportWh,
                                ReadingSource.IMPORT));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException(
                    "Could not read the stored readings of meter [" + meterId + "]: " + e.getMessage(), e);
        }
    }
}
