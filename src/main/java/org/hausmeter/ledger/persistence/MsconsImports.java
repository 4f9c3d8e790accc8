package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Provenance;
import org.hausmeter.ledger.csv.ImportLimits;
import org.hausmeter.ledger.mscons.Direction;
import org.hausmeter.ledger.mscons.MsconsFile;
import org.hausmeter.ledger.mscons.MsconsMessage;
import org.hausmeter.ledger.mscons.MsconsParser;
import org.hausmeter.ledger.mscons.MsconsValue;
import org.postgresql.PGConnection;

/**
 * MSCONS imports (docs/mscons.md): a preview that judges every message, and a commit that stores the accepted
 * messages' quarter hours and a status row per message ({@code mscons_message}: accepted, or rejected with the reason
 * and segment) in one transaction with its audit event. A message accepted before (same sender and message reference)
 * stores nothing again and says so; a value that disagrees with one already stored rejects its message, naming both.
 * The values enter {@code interval_energy} as the CSV import's do (IMPORTED rows that no derivation overwrites;
 * substitute values ESTIMATED), through {@link #store}.
 */
@ApplicationScoped
public class MsconsImports {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * What a preview or commit found.
     *
     * @param stored          true when the values and message statuses were stored (a commit of a readable file)
     * @param problems        what is wrong with the file as a whole; non-empty: nothing is stored
     * @param messages        every message with its status (ACCEPTED, REJECTED with reason, ALREADY_IMPORTED)
     * @param inserted        quarter-hour values new in the ledger (a preview: that would be new)
     * @param alreadyPresent  values of accepted messages that the ledger already held with the same energy
     */
    public record Outcome(
            String file,
            boolean stored,
            String interchangeRef,
            String sender,
            List<String> problems,
            List<MsconsMessage.Summary> messages,
            int accepted,
            int rejected,
            int alreadyImported,
            long inserted,
            long alreadyPresent) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final AgroalDataSource dataSource;
    private final CsvImports csv;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final java.time.Clock clock;

    MsconsImports(
            AgroalDataSource dataSource,
            CsvImports csv,
            com.fasterxml.jackson.databind.ObjectMapper json,
            java.time.Clock clock) {
        this.dataSource = dataSource;
        this.csv = csv;
        this.json = json;
        this.clock = clock;
    }

    public Outcome preview(Path file, String name) throws IOException, SQLException {
        return run(null, file, name);
    }

    /** Stores the accepted messages' values and every message's status, all in one transaction. */
    public Outcome commit(String actor, Path file, String name) throws IOException, SQLException {
        return run(actor == null ? "" : actor, file, name);
    }

    private Outcome run(String actor, Path file, String name) throws IOException, SQLException {
        ImportLimits limits = csv.limits();
        MsconsFile parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = new MsconsParser(meters(), limits).parse(new java.io.BufferedInputStream(in, 1 << 16));
        }
        if (!parsed.ok()) {
            return new Outcome(
                    name,
                    false,
                    parsed.interchangeRef(),
                    parsed.sender(),
                    parsed.problems(),
                    parsed.messages().stream().map(MsconsMessage::summary).toList(),
                    0,
                    0,
                    0,
                    0,
                    0);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Judged judged = judge(c, parsed, limits.zone());
                if (actor != null) {
                    List<MsconsValue> values = new ArrayList<>();
                    Map<String, Long> sources = new HashMap<>();
                    String sha256 = CsvImports.sha256(file);
                    for (MsconsMessage m : judged.messages()) {
                        if (m.accepted()) {
                            values.addAll(m.values());
                            sources.put(
                                    m.messageRef(),
                                    ImportedIntervals.sourceRow(
                                            c, Provenance.mscons(m.messageRef(), actor), sha256, null));
                        }
                    }
                    store(c, values, sources);
                    record(c, actor, name, parsed, judged);
                    c.commit();
                } else {
                    c.rollback();
                }
                int accepted = 0;
                int rejected = 0;
                int already = 0;
                for (MsconsMessage m : judged.messages()) {
                    switch (m.status()) {
                        case ACCEPTED -> accepted++;
                        case REJECTED -> rejected++;
                        case ALREADY_IMPORTED -> already++;
                    }
                }
                return new Outcome(
                        name,
                        actor != null,
                        parsed.interchangeRef(),
                        parsed.sender(),
                        List.of(),
                        judged.messages().stream().map(MsconsMessage::summary).toList(),
                        accepted,
                        rejected,
                        already,
                        judged.inserted(),
                        judged.present());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The messages after the ledger's checks, and how many of their values are new or already stored. */
    private record Judged(List<MsconsMessage> messages, long inserted, long present) {}

    /** A stored quarter hour. */
    private record Stored(long importWh, long exportWh, String quality) {}

    /**
     * Marks messages accepted before as ALREADY_IMPORTED and rejects messages with a value that disagrees with a stored
     * one. A stored 0 of an imported row (IMPORTED or ESTIMATED) may be filled: it is the other direction of an
     * import that arrives in its own message.
     */
    private Judged judge(Connection c, MsconsFile parsed, ZoneId zone) throws SQLException {
        List<MsconsMessage> out = new ArrayList<>();
        List<MsconsMessage> fresh = new ArrayList<>();
        Map<String, String> earlier = acceptedBefore(c, parsed);
        for (MsconsMessage m : parsed.messages()) {
            String before = m.accepted() ? earlier.get(m.messageRef()) : null;
            if (before != null) {
                out.add(m.refused(MsconsMessage.Status.ALREADY_IMPORTED, before));
            } else {
                out.add(m);
                if (m.accepted()) {
                    fresh.add(m);
                }
            }
        }
        Map<Long, Map<Instant, Stored>> stored = stored(c, fresh);
        long inserted = 0;
        long present = 0;
        for (int i = 0; i < out.size(); i++) {
            MsconsMessage m = out.get(i);
            if (!m.accepted()) {
                continue;
            }
            long newHere = 0;
            long presentHere = 0;
            String conflict = null;
            for (MsconsValue v : m.values()) {
                Stored s = stored.getOrDefault(v.meterId(), Map.of()).get(v.intervalStart());
                if (s == null) {
                    newHere++;
                    continue;
                }
                long have = v.direction() == Direction.IMPORT ? s.importWh() : s.exportWh();
                if (have == v.wh()) {
                    presentHere++;
                } else if (have == 0
                        && (s.quality().equals("IMPORTED") || s.quality().equals("ESTIMATED"))) {
                    newHere++;
                } else {
                    conflict = "segment " + v.segment() + " (QTY): meter [" + v.meterName() + "] already has ["
                            + have + "] Wh " + v.direction().name().toLowerCase(java.util.Locale.ROOT) + " ("
                            + s.quality() + ") stored for the quarter hour from ["
                            + SHOWN.format(v.intervalStart().atZone(zone))
                            + "]; the message says [" + v.wh() + "] Wh. Nothing of this message is stored; correct"
                            + " the stored value first if the operator's is right";
                    break;
                }
            }
            if (conflict != null) {
                out.set(i, m.refused(MsconsMessage.Status.REJECTED, conflict));
            } else {
                inserted += newHere;
                present += presentHere;
            }
        }
        return new Judged(out, inserted, present);
    }

    /** Message reference → "already imported …" for the file's messages accepted before. */
    private static Map<String, String> acceptedBefore(Connection c, MsconsFile parsed) throws SQLException {
        Map<String, String> found = new HashMap<>();
        List<String> refs = parsed.messages().stream()
                .filter(MsconsMessage::accepted)
                .map(MsconsMessage::messageRef)
                .toList();
        if (refs.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT message_ref, received_at, file_name, value_count"
                + " FROM mscons_message WHERE status = 'ACCEPTED' AND sender = ? AND message_ref = ANY(?)")) {
            ps.setString(1, parsed.sender());
            ps.setArray(2, c.createArrayOf("text", refs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(
                            rs.getString(1),
                            "already imported at [" + rs.getTimestamp(2).toInstant() + "] from file [" + rs.getString(3)
                                    + "] with [" + rs.getInt(4) + "] values; nothing stored again");
                }
            }
        }
        return found;
    }

    /** The stored quarter hours of the accepted messages' meters in their period. */
    private static Map<Long, Map<Instant, Stored>> stored(Connection c, List<MsconsMessage> messages)
            throws SQLException {
        Map<Long, Map<Instant, Stored>> out = new HashMap<>();
        Map<Long, Instant[]> span = new HashMap<>();
        for (MsconsMessage m : messages) {
            for (MsconsValue v : m.values()) {
                Instant[] s =
                        span.computeIfAbsent(v.meterId(), k -> new Instant[] {v.intervalStart(), v.intervalStart()});
                if (v.intervalStart().isBefore(s[0])) {
                    s[0] = v.intervalStart();
                }
                if (v.intervalStart().isAfter(s[1])) {
                    s[1] = v.intervalStart();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT interval_start, import_wh, export_wh, quality"
                + " FROM interval_energy WHERE meter_id = ? AND interval_start >= ? AND interval_start <= ?")) {
            for (Map.Entry<Long, Instant[]> e : span.entrySet()) {
                ps.setLong(1, e.getKey());
                ps.setTimestamp(2, Timestamp.from(e.getValue()[0]));
                ps.setTimestamp(3, Timestamp.from(e.getValue()[1]));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                                .put(
                                        rs.getTimestamp(1).toInstant(),
                                        new Stored(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Stores accepted values in {@code interval_energy}: the one place where MSCONS values enter the ledger. Each value
     * carries where it came from ({@link MsconsValue#messageRef()}, {@link MsconsValue#segment()}) for the ledger's
     * per-value provenance. The import and export value of a meter's quarter hour become one row (ESTIMATED when either
     * is); a stored row gets a direction it holds as 0 filled (the values were judged against the stored ones before),
     * other stored rows stay. A new row points at its message's {@code import_source} row ({@code sources}: message
     * reference → id) with the segment number of its first value (the import value's when the message has both
     * directions); a filled row keeps the source it had. Returns the number of rows inserted or filled.
     */
    static long store(Connection c, List<MsconsValue> values, Map<String, Long> sources) throws SQLException {
        if (values.isEmpty()) {
            return 0;
        }
        record Row(long meterId, Instant start, long[] wh, boolean[] has, boolean[] estimated, long[] source) {}
        Map<String, Row> rows = new LinkedHashMap<>();
        for (MsconsValue v : values) {
            Row r = rows.computeIfAbsent(
                    v.meterId() + "/" + v.intervalStart(),
                    k -> new Row(
                            v.meterId(), v.intervalStart(), new long[2], new boolean[2], new boolean[1], new long[] {
                                Objects.requireNonNull(
                                        sources.get(v.messageRef()), "no import_source row for " + v.messageRef()),
                                v.segment()
                            }));
            int d = v.direction().ordinal();
            r.wh()[d] = v.wh();
            r.has()[d] = true;
            r.estimated()[0] |= v.quality() == IntervalQuality.ESTIMATED;
        }
        StringBuilder copy = new StringBuilder(rows.size() * 64);
        for (Row r : rows.values()) {
            copy.append(r.meterId())
                    .append('\t')
                    .append(r.start())
                    .append('\t')
                    .append(r.wh()[0])
                    .append('\t')
                    .append(r.wh()[1])
                    .append('\t')
                    .append(r.has()[0] ? 't' : 'f')
                    .append('\t')
                    .append(r.has()[1] ? 't' : 'f')
                    .append('\t')
                    .append(r.estimated()[0] ? "ESTIMATED" : "IMPORTED")
                    .append('\t')
                    .append(r.source()[0])
                    .append('\t')
                    .append(r.source()[1])
                    .append('\n');
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS mscons_in (meter_id bigint, interval_start timestamptz,"
                    + " import_wh bigint, export_wh bigint, has_import boolean, has_export boolean, quality text,"
                    + " source_id bigint, source_position bigint)"
                    + " ON COMMIT DELETE ROWS");
            try {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY mscons_in (meter_id, interval_start, import_wh, export_wh, has_import, has_export,"
                                        + " quality, source_id, source_position) FROM STDIN",
                                new StringReader(copy.toString()));
            } catch (IOException e) {
                throw new SQLException("Writing MSCONS values failed: " + e.getMessage(), e);
            }
            long filled = st.executeUpdate("UPDATE interval_energy e SET"
                    + " import_wh = CASE WHEN i.has_import THEN i.import_wh ELSE e.import_wh END,"
                    + " export_wh = CASE WHEN i.has_export THEN i.export_wh ELSE e.export_wh END,"
                    + " quality = CASE WHEN i.quality = 'ESTIMATED' THEN 'ESTIMATED' ELSE e.quality END"
                    + " FROM mscons_in i WHERE e.meter_id = i.meter_id AND e.interval_start = i.interval_start"
                    + " AND e.quality IN ('IMPORTED', 'ESTIMATED')"
                    + " AND ((i.has_import AND e.import_wh = 0 AND i.import_wh <> 0)"
                    + " OR (i.has_export AND e.export_wh = 0 AND i.export_wh <> 0))");
            long inserted = st.executeUpdate("INSERT INTO interval_energy (meter_id, interval_start, import_wh,"
                    + " export_wh, quality, source_id, source_position) SELECT meter_id, interval_start, import_wh,"
                    + " export_wh, quality, source_id, source_position FROM mscons_in"
                    + " ON CONFLICT (meter_id, interval_start) DO NOTHING");
            return filled + inserted;
        }
    }

    /** A status row per message (accepted and rejected; already imported ones are not stored again), and the audit. */
    private void record(Connection c, String actor, String name, MsconsFile parsed, Judged judged) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mscons_message (received_at, actor, file_name,"
                + " interchange_ref, sender, message_ref, segment, metering_points, status, reason, value_count,"
                + " estimated_count, first_interval, last_interval) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (MsconsMessage m : judged.messages()) {
                if (m.status() == MsconsMessage.Status.ALREADY_IMPORTED) {
                    continue;
                }
                MsconsMessage.Summary s = m.summary();
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, actor);
                ps.setString(3, name);
                ps.setString(4, parsed.interchangeRef());
                ps.setString(5, parsed.sender());
                ps.setString(6, m.messageRef());
                ps.setInt(7, m.firstSegment());
                ps.setString(8, String.join(",", m.meteringPoints()));
                ps.setString(9, m.status().name());
                ps.setString(10, m.reason());
                ps.setInt(11, s.values());
                ps.setInt(12, s.estimated());
                ps.setTimestamp(13, s.first() == null ? null : Timestamp.from(s.first()));
                ps.setTimestamp(14, s.last() == null ? null : Timestamp.from(s.last()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", name);
        after.put("interchange", parsed.interchangeRef());
        after.put("sender", parsed.sender());
        after.put("messages", judged.messages().size());
        after.put(
                "accepted",
                judged.messages().stream().filter(MsconsMessage::accepted).count());
        after.put("inserted", judged.inserted());
        after.put("alreadyPresent", judged.present());
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO audit_event (at, actor, action, subject, after, reason)"
                        + " VALUES (now(), ?, 'import.mscons', ?, ?::jsonb, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, "import:" + name);
            try {
                ps.setString(3, json.writeValueAsString(after));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ps.setString(4, "MSCONS import");
            ps.executeUpdate();
        }
    }

    /** Metering point ids of the installed meters. */
    private Map<String, MsconsParser.MeterRef> meters() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, MsconsParser.MeterRef> out = new HashMap<>();
            for (Meter m : Meter.<Meter>list("removedAt is null and meteringPoint is not null")) {
                out.put(m.meteringPoint, new MsconsParser.MeterRef(m.id, m.name));
            }
            return out;
        });
    }

    /** An installed meter and its metering point id (null: none), for the caretaker's MSCONS page. */
    public record MeterPoint(String name, String role, String meteringPoint) {}

    /** The installed meters by name, with their metering point ids. */
    public List<MeterPoint> meterPoints() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Meter.<Meter>list("removedAt is null order by name").stream()
                        .map(m -> new MeterPoint(m.name, m.role.name(), m.meteringPoint))
                        .toList());
    }

    /** The status rows of the last {@code limit} messages, newest first (the caretaker's list). */
    public List<Map<String, Object>> recent(int limit) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT received_at, file_name, sender, message_ref, segment,"
                        + " metering_points, status, reason, value_count, estimated_count, first_interval, last_interval"
                        + " FROM mscons_message ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("receivedAt", rs.getTimestamp(1).toInstant());
                    m.put("file", rs.getString(2));
                    m.put("sender", rs.getString(3));
                    m.put("messageRef", rs.getString(4));
                    m.put("segment", rs.getInt(5));
                    m.put("meteringPoints", rs.getString(6));
                    m.put("status", rs.getString(7));
                    m.put("reason", rs.getString(8));
                    m.put("values", rs.getInt(9));
                    m.put("estimated", rs.getInt(10));
                    m.put(
                            "first",
                            rs.getTimestamp(11) == null
                                    ? null
                                    : rs.getTimestamp(11).toInstant());
                    m.put(
                            "last",
                            rs.getTimestamp(12) == null
                                    ? null
                                    : rs.getTimestamp(12).toInstant());
                    out.add(m);
                }
            }
        }
        return out;
    }
}
