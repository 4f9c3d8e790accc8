package org.hausmeter.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * Stored bills: listing, adjustments, issuing (gap-free yearly number, frozen PDF and its SHA-256),
 * cancellation (Stornorechnung, own number, referencing the cancelled bill) and PDFs. See docs/billing.md.
 */
@ApplicationScoped
public class Bills {

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

    /** An adjustment as stored. */
    public record StoredAdjustment(long id, long tenancyId, YearMonth month, String reason, BigDecimal net,
            BigDecimal vatPercent, String createdBy, Instant createdAt) {
    }

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final BillRuns runs;
    private final BillDocuments documents;

    Bills(AgroalDataSource dataSource, BuildingSettings settings, AuditLog audit, Clock clock, ObjectMapper json,
            BillRuns runs, BillDocuments documents) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.runs = runs;
        this.documents = documents;
    }

    /** @return every bill of a month: drafts, issued, cancelled and cancellations, by apartment */
    public List<StoredBill> month(YearMonth month) {
        return query(SELECT + " WHERE b.month = ? ORDER BY a.code, b.period_from, b.id", ps -> ps.setDate(1,
                Date.valueOf(month.atDay(1))));
    }

    /** @return the number of drafts waiting to be issued, per month, oldest month first */
    public java.util.SortedMap<YearMonth, Integer> draftCounts() {
        java.util.SortedMap<YearMonth, Integer> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
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

    /** @return a resident's issued bills and cancellations, newest first (drafts are not shown to residents) */
    public List<StoredBill> ofResident(long residentId) {
        return query(SELECT + " WHERE b.resident_id = ? AND b.status <> 'DRAFT' ORDER BY b.month DESC, b.issued_at DESC",
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

    /** @return the stored PDF of an issued bill, or a preview of a draft */
    public byte[] pdf(long id) {
        StoredBill b = get(id);
        if (b.isDraft()) {
            return documents.pdf(b, settings.issuer(), settings.current());
        }
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

    /** @return the issued bills and cancellations of a month as one ZIP */
    public byte[] zip(YearMonth month) {
        List<BillDocuments.NamedPdf> files = new ArrayList<>();
        for (StoredBill b : month(month)) {
            if (!b.isDraft()) {
                files.add(new BillDocuments.NamedPdf(b.fileName(), pdf(b.id())));
            }
        }
        if (files.isEmpty()) {
            throw new BillingException(BillingException.Kind.NOT_FOUND, "No issued bills in " + month);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            documents.zip(files, month.plusMonths(1).atDay(1).atStartOfDay(), out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write ZIP: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** @return the adjustments entered for a month */
    public List<StoredAdjustment> adjustments(YearMonth month) {
        List<StoredAdjustment> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, tenancy_id, month, reason, net, vat_percent, created_by, created_at FROM bill_adjustment
                WHERE month = ? ORDER BY id""")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredAdjustment(rs.getLong(1), rs.getLong(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                            rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * Adds a one-time charge (positive) or credit (negative) to a tenancy's month and recalculates the month.
     *
     * @return the stored adjustment
     */
    @Transactional
    public StoredAdjustment addAdjustment(long billId, String reason, BigDecimal net, BigDecimal vatPercent,
            String actor) {
        StoredBill b = get(billId);
        if (!b.isDraft()) {
            throw new BillingException(BillingException.Kind.CONFLICT, "Bill " + b.number() + " is issued: "
                    + "a correction is a cancellation and a new bill");
        }
        if (reason == null || reason.isBlank()) {
            throw new BillingException(BillingException.Kind.INVALID, "An adjustment needs a reason");
        }
        if (net == null || net.signum() == 0 || net.scale() > 2) {
            throw new BillingException(BillingException.Kind.INVALID,
                    "An adjustment needs a non-zero amount with at most 2 decimals, got [" + net + "]");
        }
        VatRate rate = new VatRate(vatPercent == null ? defaultVat(b) : vatPercent);
        Money.of(java.util.Currency.getInstance(b.currency()), net);
        long id;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_adjustment (tenancy_id, month, reason, net, vat_percent, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, b.tenancyId());
            ps.setDate(2, Date.valueOf(b.month().atDay(1)));
            ps.setString(3, reason.strip());
            ps.setBigDecimal(4, net);
            ps.setBigDecimal(5, rate.percent());
            ps.setString(6, actor);
            ps.setTimestamp(7, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store adjustment: " + e.getMessage(), e);
        }
        StoredAdjustment a = new StoredAdjustment(id, b.tenancyId(), b.month(), reason.strip(), net, rate.percent(), actor,
                clock.instant());
        audit.record(actor, "billing.adjustment.add", "tenancy:" + b.tenancyId() + ":" + b.month(), null, a, reason);
        runs.run(b.month(), actor);
        return a;
    }

    /** Removes an adjustment while the month's invoice of its tenancy is not issued, and recalculates. */
    @Transactional
    public void removeAdjustment(long adjustmentId, String actor, String reason) {
        StoredAdjustment found = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, tenancy_id, month, reason, net, vat_percent, created_by, created_at FROM bill_adjustment
                    WHERE id = ?""")) {
                ps.setLong(1, adjustmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new StoredAdjustment(rs.getLong(1), rs.getLong(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                                rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7),
                                rs.getTimestamp(8).toInstant());
                    }
                }
            }
            if (found == null) {
                throw new BillingException(BillingException.Kind.NOT_FOUND, "Adjustment [" + adjustmentId + "] does not exist");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT number FROM bill WHERE tenancy_id = ? AND month = ? AND kind = 'INVOICE' AND status = 'ISSUED'""")) {
                ps.setLong(1, found.tenancyId());
                ps.setDate(2, Date.valueOf(found.month().atDay(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new BillingException(BillingException.Kind.CONFLICT, "Adjustment is on issued bill "
                                + rs.getString(1) + ": cancel that bill first");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill_adjustment WHERE id = ?")) {
                ps.setLong(1, adjustmentId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        audit.record(actor, "billing.adjustment.remove", "tenancy:" + found.tenancyId() + ":" + found.month(), found,
                null, reason);
        runs.run(found.month(), actor);
    }

    private static BigDecimal defaultVat(StoredBill b) {
        Object v = b.content().get("vatTotals");
        if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m) {
            return new BigDecimal((String) m.get("percent"));
        }
        return new BigDecimal("19");
    }

    /**
     * Issues a draft: assigns the next number of the issue year's gap-free sequence, renders and stores the
     * PDF with its SHA-256, and freezes the bill.
     *
     * @return the issued bill
     */
    @Transactional
    public StoredBill issue(long id, String actor) {
        BuildingSettings.Issuer issuer = settings.issuer();
        BuildingSettings.Settings s = settings.current();
        requireIssuer(issuer);
        try (Connection c = dataSource.getConnection()) {
            String status = lock(c, id);
            StoredBill b = get(id);
            if (!"DRAFT".equals(status)) {
                throw new BillingException(BillingException.Kind.CONFLICT, "Bill " + b.number() + " is already issued");
            }
            LocalDate today = LocalDate.now(clock.withZone(s.zone()));
            String number = nextNumber(c, today.getYear());
            StoredBill numbered = withIssue(b, number, today, today.plusDays(issuer.paymentDays()), actor);
            byte[] pdf = documents.pdf(numbered, issuer, s);
            String sha = BillRuns.sha256(pdf);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE bill SET status = 'ISSUED', number = ?, issue_date = ?, due_date = ?, issued_at = ?,
                        issued_by = ?, pdf = ?, pdf_sha256 = ? WHERE id = ? AND status = 'DRAFT'""")) {
                ps.setString(1, number);
                ps.setDate(2, Date.valueOf(today));
                ps.setDate(3, Date.valueOf(numbered.dueDate()));
                ps.setTimestamp(4, Timestamp.from(numbered.issuedAt()));
                ps.setString(5, actor);
                ps.setBytes(6, pdf);
                ps.setString(7, sha);
                ps.setLong(8, id);
                ps.executeUpdate();
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("number", number);
            after.put("gross", b.gross().toPlainString());
            after.put("pdfSha256", sha);
            audit.record(actor, "billing.issue", "bill:" + id, Map.of("status", "DRAFT"), after, null);
            return get(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot issue bill [" + id + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Re-runs the month (so drafts are current) and issues every draft of it, in apartment order.
     *
     * @return the issued bills
     */
    @Transactional
    public List<StoredBill> issueMonth(YearMonth month, String actor) {
        runs.run(month, actor);
        List<StoredBill> out = new ArrayList<>();
        for (StoredBill b : month(month)) {
            if (b.isDraft()) {
                out.add(issue(b.id(), actor));
            }
        }
        return out;
    }

    /**
     * Cancels an issued invoice: a cancellation (Stornorechnung) with its own number, the negated lines and a
     * reference to the cancelled bill's number and date; the invoice becomes CANCELLED, and the month is run
     * again so the same period gets a new draft. A bill is cancelled at most once.
     *
     * @return the cancellation
     */
    @Transactional
    public StoredBill cancel(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingException(BillingException.Kind.INVALID, "A cancellation needs a reason");
        }
        BuildingSettings.Issuer issuer = settings.issuer();
        BuildingSettings.Settings s = settings.current();
        requireIssuer(issuer);
        try (Connection c = dataSource.getConnection()) {
            String status = lock(c, id);
            StoredBill b = get(id);
            if (b.isCancellation()) {
                throw new BillingException(BillingException.Kind.INVALID, "Bill " + b.number()
                        + " is itself a cancellation and cannot be cancelled");
            }
            if ("DRAFT".equals(status)) {
                throw new BillingException(BillingException.Kind.INVALID, "Bill [" + id + "] is a draft: "
                        + "change its inputs and run the month again instead");
            }
            if ("CANCELLED".equals(status)) {
                throw new BillingException(BillingException.Kind.CONFLICT, "Bill " + b.number()
                        + " was already cancelled by " + b.cancelledBy() + "; a bill can be cancelled only once");
            }
            LocalDate today = LocalDate.now(clock.withZone(s.zone()));
            String number = nextNumber(c, today.getYear());
            Map<String, Object> content = new LinkedHashMap<>(b.content());
            content.put("cancels", Map.of("number", b.number(), "issueDate", b.issueDate().toString()));
            content.put("reason", reason.strip());
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Map<String, Object> l : b.lines()) {
                Map<String, Object> n = new LinkedHashMap<>(l);
                n.put("net", new BigDecimal((String) l.get("net")).negate().toPlainString());
                n.put("quantity", new BigDecimal((String) l.get("quantity")).negate().toPlainString());
                lines.add(n);
            }
            List<Map<String, Object>> vat = new ArrayList<>();
            Object vt = b.content().get("vatTotals");
            if (vt instanceof List<?> list) {
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    vat.add(Map.of("percent", m.get("percent"), "net", neg(m.get("net")), "vat", neg(m.get("vat")),
                            "gross", neg(m.get("gross"))));
                }
            }
            content.put("vatTotals", vat);
            StoredBill draft = new StoredBill(0, "CANCELLATION", "ISSUED", b.month(), b.tenancyId(), b.apartmentCode(),
                    b.residentId(), b.residentName(), b.language(), b.periodFrom(), b.periodTo(), b.currency(),
                    b.net().negate(), b.vat().negate(), b.gross().negate(), content, lines, number, today,
                    today.plusDays(issuer.paymentDays()), clock.instant(), actor, null, b.number(), b.issueDate(), null,
                    null, reason.strip());
            byte[] pdf = documents.pdf(draft, issuer, s);
            String sha = BillRuns.sha256(pdf);
            long newId;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bill (kind, status, month, tenancy_id, apartment_id, resident_id, period_from, period_to,
                        currency, net, vat, gross, content, content_sha256, number, issue_date, due_date, issued_at,
                        issued_by, pdf, pdf_sha256, cancels_bill, reason, created_at)
                    SELECT 'CANCELLATION', 'ISSUED', month, tenancy_id, apartment_id, resident_id, period_from,
                        period_to, currency, -net, -vat, -gross, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, id, ?, ?
                    FROM bill WHERE id = ?""", Statement.RETURN_GENERATED_KEYS)) {
                String contentJson = json.writeValueAsString(content);
                ps.setString(1, contentJson);
                ps.setString(2, BillRuns.sha256(json.writeValueAsString(Map.of("content", content, "lines", lines))));
                ps.setString(3, number);
                ps.setDate(4, Date.valueOf(today));
                ps.setDate(5, Date.valueOf(draft.dueDate()));
                ps.setTimestamp(6, Timestamp.from(draft.issuedAt()));
                ps.setString(7, actor);
                ps.setBytes(8, pdf);
                ps.setString(9, sha);
                ps.setString(10, reason.strip());
                ps.setTimestamp(11, Timestamp.from(clock.instant()));
                ps.setLong(12, id);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    newId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bill_line (bill_id, position, key, quantity, unit, unit_price, net, vat_percent, details)
                    SELECT ?, position, key, -quantity, unit, unit_price, -net, vat_percent, details
                    FROM bill_line WHERE bill_id = ?""")) {
                ps.setLong(1, newId);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE bill SET status = 'CANCELLED' WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            audit.record(actor, "billing.cancel", "bill:" + id, Map.of("number", b.number(), "status", "ISSUED"),
                    Map.of("status", "CANCELLED", "cancellation", number, "pdfSha256", sha), reason.strip());
            runs.run(b.month(), actor);
            return get(newId);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot cancel bill [" + id + "]: " + e.getMessage(), e);
        }
    }

    private static String neg(Object amount) {
        return new BigDecimal((String) amount).negate().toPlainString();
    }

    private static void requireIssuer(BuildingSettings.Issuer issuer) {
        if (!issuer.missing().isEmpty()) {
            throw new BillingException(BillingException.Kind.CONFLICT,
                    "Enter the co-op's " + issuer.missing() + " under Settings before issuing bills (§ 14 UStG, § 40 EnWG)");
        }
    }

    private StoredBill withIssue(StoredBill b, String number, LocalDate issueDate, LocalDate dueDate, String actor) {
        return new StoredBill(b.id(), b.kind(), "ISSUED", b.month(), b.tenancyId(), b.apartmentCode(), b.residentId(),
                b.residentName(), b.language(), b.periodFrom(), b.periodTo(), b.currency(), b.net(), b.vat(), b.gross(),
                b.content(), b.lines(), number, issueDate, dueDate, clock.instant(), actor, null, b.cancels(),
                b.cancelsIssueDate(), b.cancelledBy(), b.replaces(), b.reason());
    }

    private static String lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM bill WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BillingException(BillingException.Kind.NOT_FOUND, "Bill [" + id + "] does not exist");
                }
                return rs.getString(1);
            }
        }
    }

    /** Next number of the year's sequence, in the caller's transaction (a rollback gives it back). */
    static String nextNumber(Connection c, int year) throws SQLException {
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

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredBill> query(String sql, Binder binder) {
        List<StoredBill> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
            Map<String, Object> content = json.readValue(rs.getString(16), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            String linesJson = rs.getString(28);
            List<Map<String, Object>> lines = linesJson == null ? List.of()
                    : json.readValue(linesJson, new TypeReference<List<Map<String, Object>>>() {
                    });
            return new StoredBill(rs.getLong(1), rs.getString(2), rs.getString(3),
                    YearMonth.from(rs.getDate(4).toLocalDate()), rs.getLong(5), rs.getString(6), rs.getLong(7),
                    rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
                    rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15), content, lines,
                    rs.getString(17), date(rs, 18), date(rs, 19), instant(rs, 20), rs.getString(21), rs.getString(22),
                    rs.getString(23), date(rs, 24), rs.getString(25), rs.getString(26), rs.getString(27));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored bill content is not JSON: " + e.getMessage(), e);
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

    /** @return the building's zone, for callers formatting periods */
    public ZoneId zone() {
        return settings.current().zone();
    }
}
