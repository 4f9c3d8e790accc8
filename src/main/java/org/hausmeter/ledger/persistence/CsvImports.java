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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.CounterReading;
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

    /** What a commit did: the parser's report, and how many values were new in the ledger. */
    public record Outcome(ImportReport report, long inserted, long alreadyPresent) {}

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

    public ImportReport preview(Path file, ImportOptions options) throws IOException {
        Known known = known();
        return new MeterCsvImport(known.ids(), options, limits(known), this::storedReadings)
                .preview(ReaderSource.of(file));
    }

    /**
     * Validates the whole file (also against the limits and the readings already stored), then stores everything or
     * nothing.
     */
    public Outcome commit(String actor, Path file, ImportOptions options) throws IOException, SQLException {
        Known known = known();
        Map<String, Long> ids = known.ids();
        ImportLimits limits = limits(known);
        ImportReport check =
                new MeterCsvImport(ids, options, limits, this::storedReadings).preview(ReaderSource.of(file));
        if (!check.ok()) {
            return new Outcome(check, 0, 0);
        }
        // The stored readings were checked just now; the passes inside the COPY do not ask again.
        MeterCsvImport importer = new MeterCsvImport(ids, options, limits, StoredReadings.NONE);
        ImportSummary summary = check.summary();
        boolean counters = summary.kind() == ImportSummary.Kind.COUNTERS;
        if (counters && summary.first() != null) {
            partitions.ensureCovering(summary.first(), summary.last().plusMillis(1));
        }
        try (Connection c = dataSource.getConnection()) {
            return copyIn(c, importer, file, counters, summary, actor, options.file(), json, ids);
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
        String sql = counters
                ? "SELECT 1 FROM meter_reading WHERE meter_id = ANY(?) AND read_at >= ? AND read_at <= ? LIMIT 1"
                : "SELECT 1 FROM interval_energy WHERE meter_id = ANY(?) AND interval_start >= ? AND interval_start <= ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", meterIds.values().toArray(new Long[0])));
            ps.setTimestamp(2, java.sql.Timestamp.from(summary.first()));
            ps.setTimestamp(3, java.sql.Timestamp.from(summary.last()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        }
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
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            // Straight into the table when the period is empty (the usual import of old data); otherwise
            // through a staging table and ON CONFLICT DO NOTHING, so existing values are kept.
            boolean direct = periodIsEmpty(c, counters, meterIds, summary);
            String table = counters ? "csv_reading_in" : "csv_interval_in";
            st.execute("CREATE TEMP TABLE IF NOT EXISTS " + table
                    + (counters
                            ? " (meter_id bigint, read_at timestamptz, import_wh bigint, export_wh bigint)"
                            : " (meter_id bigint, interval_start timestamptz, import_wh bigint, export_wh bigint)")
                    + " ON COMMIT DELETE ROWS");
            String target = !direct
                    ? table + " FROM STDIN"
                    : counters
                            ? "meter_reading (meter_id, read_at, import_wh, export_wh, source) FROM STDIN"
                            : "interval_energy (meter_id, interval_start, import_wh, export_wh, quality) FROM STDIN";
            String suffix = !direct ? "" : counters ? "\tIMPORT" : "\tIMPORTED";
            // Read before the COPY starts: the connection takes no other statement during it.
            Set<Long> pv = pvMeters(c);
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target);
            Set<Long> meters = new HashSet<>();
            StringBuilder line = new StringBuilder(96);
            ImportSink sink = ImportSink.of(
                    (CounterReading read) -> {
                        CounterReading r = pvProduction(pv, read);
                        meters.add(r.meterId());
                        row(copy, line, r.meterId(), r.readAt(), r.importWh(), r.exportWh(), suffix);
                    },
                    (ImportedInterval value) -> {
                        ImportedInterval i = pvProduction(pv, value);
                        meters.add(i.meterId());
                        row(
                                copy,
                                line,
                                i.meterId(),
                                i.intervalStart(),
                                i.importWh(),
                                i.exportWh() == null ? 0L : i.exportWh(),
                                suffix);
                    });
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
            long inserted = direct
                    ? copy.getHandledRowCount()
                    : st.executeUpdate(
                            counters
                                    ? "INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)"
                                            + " SELECT meter_id, read_at, import_wh, export_wh, 'IMPORT' FROM csv_reading_in"
                                            + " ON CONFLICT (meter_id, read_at) DO NOTHING"
                                    : "INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh, quality)"
                                            + " SELECT meter_id, interval_start, import_wh, export_wh, 'IMPORTED' FROM csv_interval_in"
                                            + " ON CONFLICT (meter_id, interval_start) DO NOTHING");
            long values = report.summary().values();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("file", name);
            after.put("kind", summary.kind().name());
            after.put("layout", summary.layout().name());
            after.put("values", values);
            after.put("inserted", inserted);
            after.put("meters", meters.size());
            after.put("first", String.valueOf(summary.first()));
            after.put("last", String.valueOf(summary.last()));
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO audit_event (at, actor, action, subject, after, reason)"
                            + " VALUES (now(), ?, 'import.commit', ?, ?::jsonb, ?)")) {
                ps.setString(1, actor);
                ps.setString(2, "import:" + name);
                ps.setString(3, json.writeValueAsString(after));
                ps.setString(4, "CSV import");
                ps.executeUpdate();
            }
            c.commit();
            return new Outcome(report, inserted, values - inserted);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void row(
            CopyIn copy, StringBuilder line, long meterId, Instant at, long importWh, Long exportWh, String suffix) {
        line.setLength(0);
        line.append(meterId)
                .append('\t')
                .append(at)
                .append('\t')
                .append(importWh)
                .append('\t')
                .append(exportWh == null ? "\\N" : exportWh.toString())
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
                ? new ImportedInterval(i.meterId(), i.intervalStart(), 0, i.importWh())
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
