package org.hausmeter.ledger.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.Provenance;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stores quarter hours that arrive from outside (CSV file, MSCONS message) with their provenance, in the caller's
 * transaction. Usage:
 *
 * <pre>{@code
 * try (ImportedIntervals w = ImportedIntervals.open(c, Provenance.mscons("MSG-4711", actor), sha256)) {
 *     w.add(meterId, start, importWh, exportWh, IntervalQuality.IMPORTED, position);   // streamed, COPY
 *     ...
 *     ImportedIntervals.Result r = w.finish(OnConflict.REFUSE, null);
 *     if (!r.conflicts().isEmpty()) -> show them, roll back; else commit
 * }
 * }</pre>
 *
 * A stored value that equals the new one stays as it is (with its own provenance). A stored value that differs is a
 * {@link Conflict} listing both values: {@link OnConflict#REFUSE} stores nothing and returns the conflicts (the
 * caller rolls back or shows them: the import preview); {@link OnConflict#KEEP} stores the new quarter hours and keeps
 * every stored value; {@link OnConflict#REPLACE} overwrites the differing values with the new ones and needs a reason,
 * written with the before and after values into the audit log. Nothing is dropped silently: the result counts
 * inserted, unchanged, kept and replaced values. Imported rows (any quality) carry a source and are never touched by
 * the derivation; rows without a source are derived and rebuildable.
 */
public final class ImportedIntervals implements AutoCloseable {

    /** What to do with stored values that differ from the import. */
    public enum OnConflict {
        /** Store nothing when there is a conflict; the result lists them. */
        REFUSE,
        /** Store the new quarter hours, keep every differing stored value. */
        KEEP,
        /** Replace the differing stored values (reason required, audited). */
        REPLACE
    }

    /**
     * A stored quarter hour that differs from the imported one.
     *
     * @param newExportWh null when the import has no export value (then only import energy is compared)
     */
    public record Conflict(
            String meter,
            long meterId,
            Instant intervalStart,
            long storedImportWh,
            long storedExportWh,
            IntervalQuality storedQuality,
            Provenance storedSource,
            long newImportWh,
            Long newExportWh,
            Provenance newSource) {}

    /**
     * @param conflictCount all conflicts; {@code conflicts} holds the first {@link #MAX_LISTED}
     * @param stored        false when {@link OnConflict#REFUSE} met a conflict (nothing was written)
     */
    public record Result(
            long sourceId,
            long values,
            long inserted,
            long unchanged,
            long kept,
            long replaced,
            long conflictCount,
            List<Conflict> conflicts,
            boolean stored) {}

    /** Conflicts listed in a result (all are counted). */
    public static final int MAX_LISTED = 1000;

    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS imported_interval_in (meter_id bigint,"
            + " interval_start timestamptz, import_wh bigint, export_wh bigint, quality text, source_position bigint)"
            + " ON COMMIT DELETE ROWS";

    private final Connection c;
    private final Provenance source;
    private final String sha256;
    private final CopyIn copy;
    private final StringBuilder line = new StringBuilder(112);
    private final long directSourceId;
    private long values;
    private boolean finished;

    private ImportedIntervals(Connection c, Provenance source, String sha256, boolean direct) throws SQLException {
        if (!source.hasSourceRow()) {
            throw new IllegalArgumentException(
                    "Imported quarter hours need a CSV, MSCONS or MANUAL source, not " + source.kind());
        }
        if (c.getAutoCommit()) {
            throw new IllegalStateException("Store imported quarter hours inside a transaction (autocommit is on)");
        }
        this.c = c;
        this.source = source;
        this.sha256 = sha256;
        if (direct) {
            this.directSourceId = sourceRow(c, source, sha256, null);
            this.copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY interval_energy (meter_id, interval_start, import_wh, export_wh, quality,"
                            + " source_position, source_id) FROM STDIN");
        } else {
            this.directSourceId = 0;
            try (Statement st = c.createStatement()) {
                st.execute(STAGE);
                st.execute("TRUNCATE imported_interval_in");
            }
            this.copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY imported_interval_in (meter_id, interval_start, import_wh, export_wh, quality,"
                            + " source_position) FROM STDIN");
        }
    }

    /**
     * Starts storing the quarter hours of one source on {@code c} (autocommit off; the caller commits or rolls back).
     *
     * @param source kind CSV, MSCONS or MANUAL with reference (file name or message reference) and who
     * @param sha256 lower-case hex SHA-256 of the file or message, or null
     */
    public static ImportedIntervals open(Connection c, Provenance source, String sha256) throws SQLException {
        return new ImportedIntervals(c, source, sha256, false);
    }

    /**
     * The bulk path for a caller that has checked that none of the meters has a stored quarter hour in the period of
     * the values (the usual import of old data): COPY goes straight into {@code interval_energy}, no comparison. A
     * value that meets a stored row then fails the whole COPY (unique key), never overwrites it.
     */
    public static ImportedIntervals openDirect(Connection c, Provenance source, String sha256) throws SQLException {
        return new ImportedIntervals(c, source, sha256, true);
    }

    /**
     * One imported quarter hour. Each (meter, quarter hour) at most once per source.
     *
     * @param exportWh null when the source has no export value (stored as 0 when new)
     * @param quality  IMPORTED, or ESTIMATED for values spread from a coarser resolution, MANUAL for typed values
     * @param position line or segment position in the source (1-based), or 0 for none
     */
    public void add(long meterId, Instant start, long importWh, Long exportWh, IntervalQuality quality, long position) {
        if (!Intervals.isBoundary(start)) {
            throw new IllegalArgumentException("Interval start [" + start + "] is not on a quarter hour");
        }
        if (importWh < 0 || exportWh != null && exportWh < 0) {
            throw new IllegalArgumentException("Negative energy at [" + start + "] of meter [" + meterId + "]");
        }
        if (quality == IntervalQuality.MEASURED) {
            throw new IllegalArgumentException("MEASURED is the derivation's quality; imports are IMPORTED");
        }
        line.setLength(0);
        line.append(meterId)
                .append('\t')
                .append(start)
                .append('\t')
                .append(importWh)
                .append('\t')
                .append(exportWh == null ? (directSourceId != 0 ? "0" : "\\N") : exportWh.toString())
                .append('\t')
                .append(quality.name())
                .append('\t')
                .append(position > 0 ? Long.toString(position) : "\\N");
        if (directSourceId != 0) {
            line.append('\t').append(directSourceId);
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of imported quarter hours failed: " + e.getMessage(), e);
        }
        values++;
    }

    /**
     * Compares with the stored values and stores by the choice. With REFUSE and a conflict nothing is written (not
     * even the source row). REPLACE needs a reason.
     *
     * @param reason why stored values are replaced (REPLACE only); it is stored with the source and audited
     */
    public Result finish(OnConflict onConflict, String reason) throws SQLException {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
        if (onConflict == OnConflict.REPLACE && (reason == null || reason.isBlank())) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "Replacing stored values needs a reason (it is audited)");
        }
        copy.endCopy();
        if (directSourceId != 0) {
            return new Result(directSourceId, values, values, 0, 0, 0, 0, List.of(), true);
        }
        Compared compared = compare();
        long conflictCount = compared.conflictCount();
        long unchanged = compared.unchanged();
        List<Conflict> conflicts = compared.conflicts();
        if (conflictCount > 0 && onConflict == OnConflict.REFUSE) {
            return new Result(0, values, 0, unchanged, 0, 0, conflictCount, conflicts, false);
        }
        long sourceId = sourceRow(onConflict == OnConflict.REPLACE && conflictCount > 0 ? reason : null);
        long replaced = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE interval_energy e SET import_wh = s.import_wh,"
                + " export_wh = coalesce(s.export_wh, e.export_wh), quality = s.quality, source_id = ?,"
                + " source_position = s.source_position FROM imported_interval_in s WHERE e.meter_id = s.meter_id"
                + " AND e.interval_start = s.interval_start AND " + DIFFERS)) {
            if (onConflict == OnConflict.REPLACE && conflictCount > 0) {
                audit(conflicts, conflictCount, reason);
                ps.setLong(1, sourceId);
                replaced = ps.executeUpdate();
            }
        }
        long inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO interval_energy (meter_id, interval_start,"
                + " import_wh, export_wh, quality, source_id, source_position) SELECT meter_id, interval_start,"
                + " import_wh, coalesce(export_wh, 0), quality, ?, source_position FROM imported_interval_in"
                + " ON CONFLICT (meter_id, interval_start) DO NOTHING")) {
            ps.setLong(1, sourceId);
            inserted = ps.executeUpdate();
        }
        long kept = onConflict == OnConflict.KEEP ? conflictCount : 0;
        return new Result(sourceId, values, inserted, unchanged, kept, replaced, conflictCount, conflicts, true);
    }

    private record Compared(long conflictCount, long unchanged, List<Conflict> conflicts) {}

    /**
     * Only compares with the stored values and writes nothing (the import preview): the result lists the conflicts,
     * {@code stored} is false. The caller rolls back.
     */
    public Result compareOnly() throws SQLException {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
        copy.endCopy();
        if (directSourceId != 0) {
            return new Result(0, values, 0, 0, 0, 0, 0, List.of(), false);
        }
        Compared k = compare();
        return new Result(0, values, 0, k.unchanged(), 0, 0, k.conflictCount(), k.conflicts(), false);
    }

    private Compared compare() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE imported_interval_in");
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE " + DIFFERS + "),"
                        + " count(*) FILTER (WHERE NOT " + DIFFERS + ") FROM imported_interval_in s"
                        + " JOIN interval_energy e USING (meter_id, interval_start)")) {
            rs.next();
            long conflictCount = rs.getLong(1);
            return new Compared(conflictCount, rs.getLong(2), conflictCount == 0 ? List.of() : conflicts());
        }
    }

    /** A stored row differs from the staged one: import energy, or export energy where the import has one. */
    private static final String DIFFERS =
            "(e.import_wh <> s.import_wh OR (s.export_wh IS NOT NULL AND e.export_wh <> s.export_wh))";

    private List<Conflict> conflicts() throws SQLException {
        List<Conflict> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.name, s.meter_id, s.interval_start, e.import_wh,"
                + " e.export_wh, e.quality, src.kind, src.name, e.source_position, src.actor, s.import_wh,"
                + " s.export_wh, s.source_position FROM imported_interval_in s"
                + " JOIN interval_energy e USING (meter_id, interval_start) JOIN meter m ON m.id = s.meter_id"
                + " LEFT JOIN import_source src ON src.id = e.source_id WHERE " + DIFFERS
                + " ORDER BY s.source_position NULLS LAST, m.name, s.interval_start LIMIT " + MAX_LISTED)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IntervalQuality quality = IntervalQuality.valueOf(rs.getString(6));
                    long pos = rs.getLong(9);
                    Provenance stored = provenance(
                            rs.getString(7), rs.getString(8), rs.wasNull() ? null : pos, rs.getString(10), quality);
                    long newExport = rs.getLong(12);
                    Long ne = rs.wasNull() ? null : newExport;
                    long newPos = rs.getLong(13);
                    list.add(new Conflict(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getLong(4),
                            rs.getLong(5),
                            quality,
                            stored,
                            rs.getLong(11),
                            ne,
                            rs.wasNull() ? source : source.at(newPos)));
                }
            }
        }
        return list;
    }

    /**
     * SQL for the provenance of {@code interval_energy e} rows: the columns (8, read by {@link #provenance(ResultSet,
     * int, IntervalQuality)}) and the joins to put after {@code FROM interval_energy e ...}. A row with a source is
     * named by it; a MEASURED row derived from counters by the reading that closes its counter difference (the first
     * reading more than 90 s after the quarter hour's start: the poller, the caretaker, or an imported counter's file
     * and line); an ESTIMATED derived row is the derivation's estimate.
     */
    public static final String PROVENANCE_COLUMNS = "src.kind, src.name, e.source_position, src.actor, rd.source,"
            + " rsrc.kind, rsrc.name, rd.source_position, rsrc.actor";

    public static final String PROVENANCE_JOINS = " LEFT JOIN import_source src ON src.id = e.source_id"
            + " LEFT JOIN LATERAL (SELECT source, source_id, source_position FROM meter_reading"
            + " WHERE e.source_id IS NULL AND e.quality = 'MEASURED' AND meter_id = e.meter_id"
            + " AND read_at > e.interval_start + interval '90 seconds' ORDER BY read_at LIMIT 1) rd ON true"
            + " LEFT JOIN import_source rsrc ON rsrc.id = rd.source_id";

    /** The provenance from the {@link #PROVENANCE_COLUMNS}, the first at (1-based) {@code column}. */
    public static Provenance provenance(ResultSet rs, int column, IntervalQuality quality) throws SQLException {
        long pos = rs.getLong(column + 2);
        Long position = rs.wasNull() ? null : pos;
        String kind = rs.getString(column);
        Provenance source = provenance(kind, rs.getString(column + 1), position, rs.getString(column + 3), quality);
        String reading = rs.getString(column + 4);
        if (kind == null && reading != null && !reading.equals("POLL")) {
            long readingPos = rs.getLong(column + 7);
            Long rp = rs.wasNull() ? null : readingPos;
            source = rs.getString(column + 5) != null
                    ? provenance(
                            rs.getString(column + 5), rs.getString(column + 6), rp, rs.getString(column + 8), quality)
                    : CsvImports.readingSource(reading);
        }
        return source;
    }

    /**
     * The provenance of a stored row from its {@code import_source} columns (kind null: no source row, then the
     * quality says poll or estimate).
     */
    public static Provenance provenance(
            String kind, String name, Long position, String actor, IntervalQuality quality) {
        if (kind == null) {
            return quality == IntervalQuality.ESTIMATED ? Provenance.estimate() : Provenance.poll();
        }
        Provenance.Kind k = Provenance.Kind.valueOf(kind);
        return new Provenance(k, k == Provenance.Kind.MANUAL ? null : name, position, actor);
    }

    private long sourceRow(String reason) throws SQLException {
        return sourceRow(c, source, sha256, reason);
    }

    /** Inserts the {@code import_source} row of a source (caller's transaction); returns its id. */
    static long sourceRow(Connection c, Provenance source, String sha256, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_source (kind, name, sha256, actor,"
                + " created_at, reason) VALUES (?, ?, ?, ?, now(), ?) RETURNING id")) {
            ps.setString(1, source.kind().name());
            ps.setString(
                    2,
                    source.reference() != null
                            ? source.reference()
                            : "manual entry by " + (source.who() == null ? "?" : source.who()));
            ps.setString(3, sha256);
            ps.setString(4, source.who() == null ? "" : source.who());
            ps.setString(5, reason);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void audit(List<Conflict> listed, long count, String reason) throws SQLException {
        List<Replaced> rows = new ArrayList<>();
        for (Conflict k : listed) {
            rows.add(new Replaced(
                    k.meter(),
                    k.intervalStart(),
                    k.storedImportWh(),
                    k.storedExportWh(),
                    k.storedSource(),
                    k.newImportWh(),
                    k.newExportWh(),
                    k.newSource()));
        }
        auditReplaced(c, source, "interval", rows, count, reason);
    }

    /** A stored value an import replaced: meter, instant, the stored and the new values with their sources. */
    record Replaced(
            String meter,
            Instant at,
            long storedImportWh,
            Long storedExportWh,
            Provenance storedSource,
            long newImportWh,
            Long newExportWh,
            Provenance newSource) {}

    /**
     * The one audit entry {@code import.replace} of an import that replaced stored values (quarter hours or counter
     * readings), in the caller's transaction: the listed values before and after, each with its source, and how many
     * were replaced in all. {@code timeKey} names the instant ("interval" for quarter hours, "at" for readings).
     */
    static void auditReplaced(
            Connection c, Provenance source, String timeKey, List<Replaced> listed, long count, String reason)
            throws SQLException {
        List<Map<String, Object>> before = new ArrayList<>();
        List<Map<String, Object>> after = new ArrayList<>();
        for (Replaced k : listed) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("meter", k.meter());
            b.put(timeKey, k.at().toString());
            b.put("importWh", k.storedImportWh());
            b.put("exportWh", k.storedExportWh());
            b.put("source", k.storedSource().toString());
            before.add(b);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("meter", k.meter());
            a.put(timeKey, k.at().toString());
            a.put("importWh", k.newImportWh());
            a.put("exportWh", k.newExportWh());
            a.put("source", k.newSource().toString());
            after.add(a);
        }
        Map<String, Object> summaryAfter = new LinkedHashMap<>();
        summaryAfter.put("replaced", count);
        summaryAfter.put("listed", after);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO audit_event (at, actor, action, subject, before, after, reason)"
                        + " VALUES (now(), ?, 'import.replace', ?, ?::jsonb, ?::jsonb, ?)")) {
            ps.setString(1, source.who() == null || source.who().isBlank() ? "import" : source.who());
            ps.setString(2, "import:" + (source.reference() == null ? source.kind() : source.reference()));
            ps.setString(3, Json.write(Map.of("listed", before)));
            ps.setString(4, Json.write(summaryAfter));
            ps.setString(5, reason);
            ps.executeUpdate();
        }
    }

    /** Ends an unfinished COPY (the caller rolls back). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** Minimal JSON for the audit entries (no Jackson in a class that benchmarks use on a plain connection). */
    static final class Json {
        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(b, o);
            return b.toString();
        }

        private static void write(StringBuilder b, Object o) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof Number || o instanceof Boolean) {
                b.append(o);
            } else if (o instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            } else if (o instanceof List<?> l) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(b, l.get(i));
                }
                b.append(']');
            } else {
                String s = o.toString();
                b.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        default -> {
                            if (ch < 0x20) {
                                b.append(String.format("\\u%04x", (int) ch));
                            } else {
                                b.append(ch);
                            }
                        }
                    }
                }
                b.append('"');
            }
        }
    }
}
