package org.hausmeter.billing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.BillContent;

/**
 * All SQL of {@code bill_flag} and {@code bill_flag_decision} (V50): a draft's blocking flags, kept per tenancy,
 * month and kind so re-runs find them again, and the caretaker's decisions to issue despite one. Methods taking a
 * {@link Connection} run in the caller's transaction. The rules are {@code BillWorkflow}'s and {@code BillRuns}'.
 */
@ApplicationScoped
public class BillFlags {

    /**
     * A blocking flag of a tenancy's month.
     *
     * @param detail     what it names, e.g. "No energy data for 3–7 Nov 2026"
     * @param gaps       the days without (complete) data
     * @param intervals  quarter hours of the period
     * @param covered    of which with a value
     * @param resolvedAt when a re-run found the data complete, null while open
     */
    public record Flag(
            long id,
            long tenancyId,
            YearMonth month,
            String kind,
            String detail,
            List<BillContent.Gap> gaps,
            int intervals,
            int covered,
            Instant createdAt,
            Instant updatedAt,
            Instant resolvedAt) {

        /** @return true while it blocks issuing */
        public boolean open() {
            return resolvedAt == null;
        }
    }

    /** What a run found for one tenancy period: the flag to keep open. */
    public record Found(
            long tenancyId, String kind, String detail, List<BillContent.Gap> gaps, int intervals, int covered) {}

    /** A caretaker's decision to issue a bill although a flag was open. */
    public record Decision(
            long billId, long flagId, String kind, String detail, String reason, String decidedBy, Instant decidedAt) {}

    private static final String SELECT = """
            SELECT id, tenancy_id, month, kind, detail, gaps::text, intervals, covered_intervals, created_at,
                   updated_at, resolved_at FROM bill_flag
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    BillFlags(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Brings the month's flags of the given kind in line with a run: each found one is inserted or found again
     * (updated in place, reopened if it was resolved); every other open flag of the month and kind is resolved,
     * except those of tenancies in {@code untouched} (their invoice is issued: the run does not look at them).
     */
    public void sync(
            Connection c, YearMonth month, String kind, List<Found> found, Collection<Long> untouched, Instant now)
            throws SQLException {
        Date m = Date.valueOf(month.atDay(1));
        List<Long> keep = new ArrayList<>(untouched);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_flag (tenancy_id, month, kind, detail, gaps, intervals, covered_intervals,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (tenancy_id, month, kind) DO UPDATE SET
                    updated_at = CASE WHEN bill_flag.resolved_at IS NOT NULL
                                        OR bill_flag.detail IS DISTINCT FROM excluded.detail
                                        OR bill_flag.covered_intervals <> excluded.covered_intervals
                                      THEN excluded.updated_at ELSE bill_flag.updated_at END,
                    detail = excluded.detail, gaps = excluded.gaps, intervals = excluded.intervals,
                    covered_intervals = excluded.covered_intervals, resolved_at = NULL""")) {
            for (Found f : found) {
                ps.setLong(1, f.tenancyId());
                ps.setDate(2, m);
                ps.setString(3, f.kind());
                ps.setString(4, f.detail());
                ps.setString(5, write(f.gaps()));
                ps.setInt(6, f.intervals());
                ps.setInt(7, f.covered());
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setTimestamp(9, Timestamp.from(now));
                ps.addBatch();
                keep.add(f.tenancyId());
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE bill_flag SET resolved_at = ?, updated_at = ?
                WHERE month = ? AND kind = ? AND resolved_at IS NULL AND NOT (tenancy_id = ANY (?))""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setDate(3, m);
            ps.setString(4, kind);
            ps.setArray(5, c.createArrayOf("bigint", keep.toArray()));
            ps.executeUpdate();
        }
    }

    /** @return the open flags of a tenancy's month, locked for the caller's transaction */
    public List<Flag> open(Connection c, long tenancyId, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE tenancy_id = ? AND month = ? AND resolved_at IS NULL ORDER BY id FOR UPDATE")) {
            ps.setLong(1, tenancyId);
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            return list(ps);
        }
    }

    /** @return every flag of a month (open and resolved), by tenancy */
    public Map<Long, List<Flag>> month(YearMonth month) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " WHERE month = ? ORDER BY tenancy_id, id")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            Map<Long, List<Flag>> out = new HashMap<>();
            for (Flag f : list(ps)) {
                out.computeIfAbsent(f.tenancyId(), k -> new ArrayList<>()).add(f);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the bill flags of " + month + ": " + e.getMessage(), e);
        }
    }

    /** Records the caretaker's decision to issue a bill despite an open flag (in the issuing transaction). */
    public void decide(Connection c, long billId, Flag flag, String reason, String actor, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_flag_decision (bill_id, flag_id, detail, reason, decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, billId);
            ps.setLong(2, flag.id());
            ps.setString(3, flag.detail());
            ps.setString(4, reason);
            ps.setString(5, actor);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** @return the decisions taken when a bill was issued, oldest first */
    public List<Decision> decisions(long billId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT d.bill_id, d.flag_id, f.kind, d.detail, d.reason, d.decided_by, d.decided_at
                        FROM bill_flag_decision d JOIN bill_flag f ON f.id = d.flag_id
                        WHERE d.bill_id = ? ORDER BY d.decided_at, d.flag_id""")) {
            ps.setLong(1, billId);
            List<Decision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Decision(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the decisions of bill [" + billId + "]: " + e.getMessage(), e);
        }
    }

    private List<Flag> list(PreparedStatement ps) throws SQLException {
        List<Flag> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp resolved = rs.getTimestamp(11);
                out.add(new Flag(
                        rs.getLong(1),
                        rs.getLong(2),
                        YearMonth.from(rs.getDate(3).toLocalDate()),
                        rs.getString(4),
                        rs.getString(5),
                        read(rs.getString(6)),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant(),
                        resolved == null ? null : resolved.toInstant()));
            }
        }
        return out;
    }

    private String write(List<BillContent.Gap> gaps) {
        try {
            return json.writeValueAsString(gaps);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<BillContent.Gap> read(String s) {
        try {
            return json.readValue(s, new TypeReference<List<BillContent.Gap>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable gaps of a bill flag: " + e.getMessage(), e);
        }
    }
}
