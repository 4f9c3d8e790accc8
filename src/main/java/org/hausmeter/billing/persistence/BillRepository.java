package org.hausmeter.billing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hausmeter.billing.BillContent;
import org.hausmeter.billing.BillKind;
import org.hausmeter.billing.BillStatus;
import org.hausmeter.billing.BillingException;
import org.hausmeter.billing.StoredAdjustment;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.StoredLine;

/**
 * All SQL of the tables {@code bill}, {@code bill_line}, {@code bill_number} and {@code bill_adjustment}. Methods
 * taking a {@link Connection} run in the caller's transaction; the others open their own connection (inside a
 * JTA transaction that is the transaction's connection). No rules here: those are {@code BillWorkflow}'s.
 */
@ApplicationScoped
public class BillRepository {

    private static final String SELECT = """
            SELECT b.id, b.kind, b.status, b.month, b.tenancy_id, a.code, b.resident_id, acc.display_name, acc.locale,
                   b.period_from, b.period_to, b.currency, b.net, b.vat, b.gross, b.content::text, b.number,
                   b.issue_date, b.due_date, b.issued_at, b.issued_by, b.pdf_sha256,
                   c.number, c.issue_date, x.number, r.number, b.reason,
                   (SELECT json_agg(json_build_object('key', l.key, 'quantity', l.quantity::text, 'unit', l.unit,
                            'unitPrice', l.unit_price::text, 'net', l.net::text, 'vatPercent', l.vat_percent::text,
                            'details', l.details) ORDER BY l.position)::text
                    FROM bill_line l WHERE l.bill_id = b.id)
            FROM bill b
            JOIN apartment a ON a.id = b.apartment_id
            JOIN account acc ON acc.id = b.resident_id
            LEFT JOIN bill c ON c.id = b.cancels_bill
            LEFT JOIN bill x ON x.cancels_bill = b.id
            LEFT JOIN bill r ON r.id = b.replaces_bill
            """;

    private static final String ADJUSTMENT = """
            SELECT id, tenancy_id, month, reason, net, vat_percent, created_by, created_at FROM bill_adjustment
            """;

    /**
     * An invoice a run found for a tenancy period of the month.
     *
     * @param hash   its content hash
     * @param number its number, null for a draft
     */
    public record Existing(long id, long tenancy, BillStatus status, String hash, String number) {}

    /**
     * A draft to insert.
     *
     * @param replaces the cancelled invoice it replaces, or null
     */
    public record NewDraft(
            long tenancyId,
            long apartmentId,
            long residentId,
            Instant from,
            Instant to,
            String currency,
            BigDecimal net,
            BigDecimal vat,
            BigDecimal gross,
            BillContent content,
            List<StoredLine> lines,
            String hash,
            Long replaces) {}

    /** What issuing writes into a draft. */
    public record Issue(
            String number,
            LocalDate issueDate,
            LocalDate dueDate,
            Instant issuedAt,
            String issuedBy,
            byte[] pdf,
            String pdfSha256) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    BillRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** @return the canonical JSON of a bill's content and lines, whose SHA-256 is {@code content_sha256} */
    public String canonicalJson(BillContent content, List<StoredLine> lines) {
        return write(new Hashed(content, lines));
    }

    /** Content and lines, in this order, as hashed. */
    private record Hashed(BillContent content, List<StoredLine> lines) {}

    // ---- reading bills ----

    /** @return every bill of a month, by apartment */
    public List<StoredBill> month(YearMonth month) {
        return query(
                SELECT + " WHERE b.month = ? ORDER BY a.code, b.period_from, b.id",
                ps -> ps.setDate(1, Date.valueOf(month.atDay(1))));
    }

    /** @return a resident's bills except drafts, newest first */
    public List<StoredBill> ofResident(long residentId) {
        return query(
                SELECT + " WHERE b.resident_id = ? AND b.status <> 'DRAFT' ORDER BY b.month DESC, b.issued_at DESC",
                ps -> ps.setLong(1, residentId));
    }

    /** @return the bill */
    public StoredBill get(long id) {
        List<StoredBill> l = query(SELECT + " WHERE b.id = ?", ps -> ps.setLong(1, id));
        if (l.isEmpty()) {
            throw new BillingException(BillingException.Kind.NOT_FOUND, "Bill [" + id + "] does not exist");
        }
        return l.get(0);
    }

    /** @return drafts per month, oldest first */
    public SortedMap<YearMonth, Integer> draftCounts() {
        SortedMap<YearMonth, Integer> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT month, count(*) FROM bill WHERE status = 'DRAFT' GROUP BY month ORDER BY month");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count drafts: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return the stored PDF */
    public byte[] pdf(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pdf FROM bill WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PDF of bill [" + id + "]: " + e.getMessage(), e);
        }
    }

    // ---- runs ----

    /** Serialises runs of a month until the transaction ends. */
    public void lockMonth(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(7301, ?)")) {
            ps.setInt(1, month.getYear() * 100 + month.getMonthValue());
            ps.execute();
        }
    }

    /** @return per tenancy, the month's invoice that is not cancelled (a draft or an issued one) */
    public Map<Long, Existing> existing(Connection c, YearMonth month) throws SQLException {
        Map<Long, Existing> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, tenancy_id, status, content_sha256, number FROM bill
                WHERE month = ? AND kind = 'INVOICE' AND status IN ('DRAFT', 'ISSUED')""")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getLong(2),
                            new Existing(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    BillStatus.valueOf(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** @return per tenancy, the latest cancelled invoice of the month (a new draft replaces it) */
    public Map<Long, Long> replaced(Connection c, YearMonth month) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT ON (tenancy_id) tenancy_id, id FROM bill
                WHERE month = ? AND kind = 'INVOICE' AND status = 'CANCELLED' ORDER BY tenancy_id, issued_at DESC""")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Deletes drafts (never anything else). */
    public void deleteDrafts(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill WHERE id = ANY (?) AND status = 'DRAFT'")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Inserts the drafts and their lines in two batches (a month of 200 apartments is ~2,000 lines). */
    public void insertDrafts(Connection c, YearMonth month, List<NewDraft> drafts, Instant now) throws SQLException {
        if (drafts.isEmpty()) {
            return;
        }
        long[] ids = new long[drafts.size()];
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill (kind, status, month, tenancy_id, apartment_id, resident_id, period_from, period_to,
                    currency, net, vat, gross, content, content_sha256, replaces_bill, created_at)
                VALUES ('INVOICE', 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            for (NewDraft n : drafts) {
                ps.setDate(1, Date.valueOf(month.atDay(1)));
                ps.setLong(2, n.tenancyId());
                ps.setLong(3, n.apartmentId());
                ps.setLong(4, n.residentId());
                ps.setTimestamp(5, Timestamp.from(n.from()));
                ps.setTimestamp(6, Timestamp.from(n.to()));
                ps.setString(7, n.currency());
                ps.setBigDecimal(8, n.net());
                ps.setBigDecimal(9, n.vat());
                ps.setBigDecimal(10, n.gross());
                ps.setString(11, write(n.content()));
                ps.setString(12, n.hash());
                if (n.replaces() == null) {
                    ps.setNull(13, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(13, n.replaces());
                }
                ps.setTimestamp(14, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                for (int i = 0; i < ids.length; i++) {
                    if (!rs.next()) {
                        throw new SQLException("Inserted [" + ids.length + "] drafts but got [" + i + "] ids back");
                    }
                    ids[i] = rs.getLong(1);
                }
            }
        }
        List<List<StoredLine>> lines = new ArrayList<>();
        for (NewDraft n : drafts) {
            lines.add(n.lines());
        }
        insertLines(c, ids, lines);
    }

    private void insertLines(Connection c, long[] ids, List<List<StoredLine>> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_line (bill_id, position, key, quantity, unit, unit_price, net, vat_percent, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (int i = 0; i < ids.length; i++) {
                int pos = 0;
                for (StoredLine l : lines.get(i)) {
                    ps.setLong(1, ids[i]);
                    ps.setInt(2, pos++);
                    ps.setString(3, l.key());
                    ps.setBigDecimal(4, l.quantity());
                    ps.setString(5, l.unit());
                    ps.setBigDecimal(6, l.unitPrice());
                    ps.setBigDecimal(7, l.net());
                    ps.setBigDecimal(8, l.vatPercent());
                    ps.setString(9, write(l.details()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    // ---- issuing and cancelling ----

    /**
     * Locks a bill for the transaction.
     *
     * @return its status
     */
    public BillStatus lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM bill WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BillingException(BillingException.Kind.NOT_FOUND, "Bill [" + id + "] does not exist");
                }
                return BillStatus.valueOf(rs.getString(1));
            }
        }
    }

    /** Next number of the year's sequence, in the caller's transaction (a rollback gives it back). */
    public String nextNumber(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_number (year, last) VALUES (?, 1)
                ON CONFLICT (year) DO UPDATE SET last = bill_number.last + 1 RETURNING last""")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format("%04d-%04d", year, rs.getInt(1));
            }
        }
    }

    /** Freezes a draft as issued. */
    public void markIssued(Connection c, long id, Issue issue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE bill SET status = 'ISSUED', number = ?, issue_date = ?, due_date = ?, issued_at = ?,
                    issued_by = ?, pdf = ?, pdf_sha256 = ? WHERE id = ? AND status = 'DRAFT'""")) {
            ps.setString(1, issue.number());
            ps.setDate(2, Date.valueOf(issue.issueDate()));
            ps.setDate(3, Date.valueOf(issue.dueDate()));
            ps.setTimestamp(4, Timestamp.from(issue.issuedAt()));
            ps.setString(5, issue.issuedBy());
            ps.setBytes(6, issue.pdf());
            ps.setString(7, issue.pdfSha256());
            ps.setLong(8, id);
            ps.executeUpdate();
        }
    }

    /**
     * Stores an issued cancellation of an invoice: its row (totals negated from the invoice's row), the given lines
     * (already negated) and the invoice's new status CANCELLED.
     *
     * @return the cancellation's id
     */
    public long insertCancellation(
            Connection c, long cancelledId, StoredBill cancellation, String hash, Issue issue, Instant now)
            throws SQLException {
        long newId;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill (kind, status, month, tenancy_id, apartment_id, resident_id, period_from, period_to,
                    currency, net, vat, gross, content, content_sha256, number, issue_date, due_date, issued_at,
                    issued_by, pdf, pdf_sha256, cancels_bill, reason, created_at)
                SELECT 'CANCELLATION', 'ISSUED', month, tenancy_id, apartment_id, resident_id, period_from,
                    period_to, currency, -net, -vat, -gross, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, id, ?, ?
                FROM bill WHERE id = ?""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, write(cancellation.content()));
            ps.setString(2, hash);
            ps.setString(3, issue.number());
            ps.setDate(4, Date.valueOf(issue.issueDate()));
            ps.setDate(5, Date.valueOf(issue.dueDate()));
            ps.setTimestamp(6, Timestamp.from(issue.issuedAt()));
            ps.setString(7, issue.issuedBy());
            ps.setBytes(8, issue.pdf());
            ps.setString(9, issue.pdfSha256());
            ps.setString(10, cancellation.reason());
            ps.setTimestamp(11, Timestamp.from(now));
            ps.setLong(12, cancelledId);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                newId = rs.getLong(1);
            }
        }
        insertLines(c, new long[] {newId}, List.of(cancellation.lines()));
        try (PreparedStatement ps = c.prepareStatement("UPDATE bill SET status = 'CANCELLED' WHERE id = ?")) {
            ps.setLong(1, cancelledId);
            ps.executeUpdate();
        }
        return newId;
    }

    /** @return the lowest number of a bill that is not a draft and whose period ends after {@code at}, or null */
    public String firstIssuedEndingAfter(Connection c, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT number FROM bill WHERE status <> 'DRAFT' AND period_to > ? ORDER BY number LIMIT 1""")) {
            ps.setObject(1, at);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    // ---- adjustments ----

    /** @return the adjustments of a month */
    public List<StoredAdjustment> adjustments(YearMonth month) {
        List<StoredAdjustment> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ADJUSTMENT + " WHERE month = ? ORDER BY id")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(adjustment(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** @return the adjustment, or null */
    public StoredAdjustment adjustment(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADJUSTMENT + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? adjustment(rs) : null;
            }
        }
    }

    private static StoredAdjustment adjustment(ResultSet rs) throws SQLException {
        return new StoredAdjustment(
                rs.getLong(1),
                rs.getLong(2),
                YearMonth.from(rs.getDate(3).toLocalDate()),
                rs.getString(4),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant());
    }

    /** @return the new adjustment's id */
    public long insertAdjustment(
            long tenancyId,
            YearMonth month,
            String reason,
            BigDecimal net,
            BigDecimal vatPercent,
            String actor,
            Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_adjustment (tenancy_id, month, reason, net, vat_percent, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, tenancyId);
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            ps.setString(3, reason);
            ps.setBigDecimal(4, net);
            ps.setBigDecimal(5, vatPercent);
            ps.setString(6, actor);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store adjustment: " + e.getMessage(), e);
        }
    }

    /** @return the number of the tenancy-month's issued invoice, or null */
    public String issuedInvoiceNumber(Connection c, long tenancyId, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT number FROM bill WHERE tenancy_id = ? AND month = ? AND kind = 'INVOICE' AND status = 'ISSUED'""")) {
            ps.setLong(1, tenancyId);
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public void deleteAdjustment(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill_adjustment WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    // ---- mapping ----

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredBill> query(String sql, Binder binder) {
        List<StoredBill> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read bills: " + e.getMessage(), e);
        }
        return out;
    }

    private StoredBill read(ResultSet rs) throws SQLException {
        try {
            BillContent content = json.readValue(rs.getString(16), BillContent.class);
            String linesJson = rs.getString(28);
            List<StoredLine> lines =
                    linesJson == null ? List.of() : json.readValue(linesJson, new TypeReference<List<StoredLine>>() {});
            return new StoredBill(
                    rs.getLong(1),
                    BillKind.valueOf(rs.getString(2)),
                    BillStatus.valueOf(rs.getString(3)),
                    YearMonth.from(rs.getDate(4).toLocalDate()),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getLong(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getTimestamp(10).toInstant(),
                    rs.getTimestamp(11).toInstant(),
                    rs.getString(12),
                    rs.getBigDecimal(13),
                    rs.getBigDecimal(14),
                    rs.getBigDecimal(15),
                    content,
                    lines,
                    rs.getString(17),
                    date(rs, 18),
                    date(rs, 19),
                    instant(rs, 20),
                    rs.getString(21),
                    rs.getString(22),
                    rs.getString(23),
                    date(rs, 24),
                    rs.getString(25),
                    rs.getString(26),
                    rs.getString(27));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored bill content is not JSON: " + e.getMessage(), e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write bill JSON: " + e.getMessage(), e);
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }
}
