package org.hausmeter.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.allocation.KeyComparison;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthBilling.TenancyBill;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthLoader;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.tariff.TariffBook;
import org.jboss.logging.Logger;

/**
 * The caretaker's monthly bill run: drafts for every tenancy overlapping a month (re-runnable: equal
 * inputs keep equal drafts, issued bills are never touched), one-time adjustments, issuing with a
 * gap-free yearly number and a stored PDF with its SHA-256, and cancellation (Stornorechnung) of an
 * issued bill followed by a new draft for the same period. Every action is audited. See docs/billing.md.
 */
@ApplicationScoped
public class BillRuns {

    private static final Logger LOG = Logger.getLogger(BillRuns.class);

    /**
     * What a run did.
     *
     * @param month     the month
     * @param created   new or changed drafts
     * @param unchanged drafts left as they were (same content hash)
     * @param removed   drafts of tenancy periods that no longer exist
     * @param issued    tenancy periods skipped because their invoice is issued
     * @param issuedButChanged numbers of issued bills whose recomputation differs (cancel and re-issue to correct)
     * @param seconds   wall time of the run
     */
    public record RunResult(YearMonth month, int created, int unchanged, int removed, int issued,
            List<String> issuedButChanged, double seconds) {
    }

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final BillDocuments documents;

    BillRuns(AgroalDataSource dataSource, BuildingSettings settings, AuditLog audit, Clock clock, ObjectMapper json,
            BillDocuments documents) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.documents = documents;
    }

    /** @return the month's computation without storing anything (reports, key comparison, cost so far) */
    public MonthBilling.Result compute(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            return compute(c, month, s, tariffs);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return the month's consumers under every allocation key, for the assembly */
    public KeyComparison compareKeys(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            return MonthBilling.compareKeys(MonthLoader.load(c, month, s.zone(), s.currency()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return every apartment's whole-month PV share and bill under each allocation key */
    public MonthBilling.KeyBills keyBills(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            StoredTariff first = null;
            for (StoredTariff t : tariffs) {
                if (!t.version().validFrom().isAfter(month.atDay(1))) {
                    first = t;
                }
            }
            if (first == null) {
                throw new BillingException(BillingException.Kind.CONFLICT, "No tariff is valid on " + month.atDay(1));
            }
            TariffBook book = new TariffBook(tariffs.stream().map(StoredTariff::version).toList());
            return MonthBilling.compareKeyBills(MonthLoader.load(c, month, s.zone(), s.currency()), book, first.commonKey());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return the consumers of the month, in the order of {@link #compareKeys(YearMonth)} */
    public MonthInput input(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            return MonthLoader.load(c, month, s.zone(), s.currency());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    private static MonthBilling.Result compute(Connection c, YearMonth month, BuildingSettings.Settings s,
            List<StoredTariff> tariffs) throws SQLException {
        if (tariffs.isEmpty()) {
            throw new BillingException(BillingException.Kind.CONFLICT,
                    "No tariff is stored yet: enter one under Tariffs before running bills");
        }
        StoredTariff first = null;
        for (StoredTariff t : tariffs) {
            if (!t.version().validFrom().isAfter(month.atDay(1))) {
                first = t;
            }
        }
        if (first == null) {
            throw new BillingException(BillingException.Kind.CONFLICT, "No tariff is valid on " + month.atDay(1)
                    + ": the first version starts " + tariffs.get(0).version().validFrom());
        }
        TariffBook book = new TariffBook(tariffs.stream().map(StoredTariff::version).toList());
        MonthInput input = MonthLoader.load(c, month, s.zone(), s.currency());
        return MonthBilling.compute(input, book, first.allocationKey(), first.commonKey());
    }

    /**
     * Runs a month: computes every tenancy period's draft and stores new or changed drafts. Issued
     * invoices are not touched.
     *
     * @param month the month, not in the future
     * @param actor who
     * @return what happened
     */
    @Transactional
    public RunResult run(YearMonth month, String actor) {
        long t0 = System.nanoTime();
        BuildingSettings.Settings s = settings.current();
        YearMonth now = YearMonth.now(clock.withZone(s.zone()));
        if (month.isAfter(now)) {
            throw new BillingException(BillingException.Kind.INVALID, "Month " + month + " has not started yet");
        }
        try (Connection c = dataSource.getConnection()) {
            lockMonth(c, month);
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            long tLoad = System.nanoTime();
            MonthBilling.Result result = compute(c, month, s, tariffs);
            long tCompute = System.nanoTime();
            storeApartmentMonths(c, month, result);
            Map<Long, List<Map<String, Object>>> meters = meterReadings(c, result, s.zone());
            List<Map<String, Object>> flags = openFlags(c, result.input().from(), result.input().to());
            Map<Long, Long> lastYear = lastYear(c, result, s.zone());
            Map<Long, List<Map<String, Object>>> history = history(c, month);
            long tContext = System.nanoTime();

            Map<Long, Existing> existing = existing(c, month);
            int created = 0;
            int unchanged = 0;
            int issued = 0;
            List<String> changedIssued = new ArrayList<>();
            java.util.Set<Long> live = new java.util.HashSet<>();
            List<Long> delete = new ArrayList<>();
            List<NewDraft> inserts = new ArrayList<>();
            Map<Long, Long> replaced = replacedBills(c, month);
            for (TenancyBill b : result.bills()) {
                long tenancy = b.period().tenancyId();
                Map<String, Object> content = content(b, result, meters, flags, lastYear, history, s.zone());
                List<Map<String, Object>> lines = lines(b.draft());
                String contentJson = json.writeValueAsString(content);
                String hash = sha256(json.writeValueAsString(Map.of("content", content, "lines", lines)));
                Existing e = existing.get(tenancy);
                live.add(tenancy);
                if (e != null && !"DRAFT".equals(e.status)) {
                    issued++;
                    if (!e.hash.equals(hash)) {
                        changedIssued.add(e.number);
                    }
                    continue;
                }
                if (e != null && e.hash.equals(hash)) {
                    unchanged++;
                    continue;
                }
                if (e != null) {
                    delete.add(e.id);
                }
                inserts.add(new NewDraft(b, contentJson, lines, hash, replaced.get(tenancy)));
                created++;
            }
            int removed = 0;
            for (Existing e : existing.values()) {
                if (!live.contains(e.tenancy) && "DRAFT".equals(e.status)) {
                    delete.add(e.id);
                    removed++;
                }
            }
            deleteDrafts(c, delete);
            insertBills(c, month, inserts);
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.debugf("Bill run %s stages: load+compute %.3f s, context %.3f s, drafts %.3f s", month,
                    (tCompute - tLoad) / 1e9, (tContext - tCompute) / 1e9, (System.nanoTime() - tContext) / 1e9);
            RunResult r = new RunResult(month, created, unchanged, removed, issued, changedIssued, seconds);
            audit.record(actor, "billing.run", "month:" + month, null, r, null);
            LOG.infof("Bill run %s by %s: %d new/changed drafts, %d unchanged, %d removed, %d issued (%.2f s)",
                    month, actor, created, unchanged, removed, issued, seconds);
            return r;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Bill run [" + month + "] failed: " + e.getMessage(), e);
        }
    }

    private record Existing(long id, long tenancy, String status, String hash, String number) {
    }

    private static void lockMonth(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(7301, ?)")) {
            ps.setInt(1, month.getYear() * 100 + month.getMonthValue());
            ps.execute();
        }
    }

    private static Map<Long, Existing> existing(Connection c, YearMonth month) throws SQLException {
        Map<Long, Existing> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, tenancy_id, status, content_sha256, number FROM bill
                WHERE month = ? AND kind = 'INVOICE' AND status IN ('DRAFT', 'ISSUED')""")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(2), new Existing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** A draft to store. */
    private record NewDraft(TenancyBill bill, String contentJson, List<Map<String, Object>> lines, String hash,
            Long replaces) {
    }

    /** Per tenancy, the latest cancelled invoice of the month (a new draft replaces it). */
    private static Map<Long, Long> replacedBills(Connection c, YearMonth month) throws SQLException {
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

    private static void deleteDrafts(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill WHERE id = ANY (?) AND status = 'DRAFT'")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Inserts the drafts and their lines in two batches (a month of 200 apartments is ~2,000 lines). */
    private void insertBills(Connection c, YearMonth month, List<NewDraft> drafts) throws SQLException,
            JsonProcessingException {
        if (drafts.isEmpty()) {
            return;
        }
        long[] ids = new long[drafts.size()];
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill (kind, status, month, tenancy_id, apartment_id, resident_id, period_from, period_to,
                    currency, net, vat, gross, content, content_sha256, replaces_bill, created_at)
                VALUES ('INVOICE', 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(clock.instant());
            for (NewDraft n : drafts) {
                TenancyBill b = n.bill();
                BillDraft d = b.draft();
                ps.setDate(1, Date.valueOf(month.atDay(1)));
                ps.setLong(2, b.period().tenancyId());
                ps.setLong(3, b.period().apartmentId());
                ps.setLong(4, b.period().residentId());
                ps.setTimestamp(5, Timestamp.from(b.period().from()));
                ps.setTimestamp(6, Timestamp.from(b.period().to()));
                ps.setString(7, d.currency().getCurrencyCode());
                ps.setBigDecimal(8, d.net().amount());
                ps.setBigDecimal(9, d.vat().amount());
                ps.setBigDecimal(10, d.gross().amount());
                ps.setString(11, n.contentJson());
                ps.setString(12, n.hash());
                if (n.replaces() == null) {
                    ps.setNull(13, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(13, n.replaces());
                }
                ps.setTimestamp(14, now);
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
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bill_line (bill_id, position, key, quantity, unit, unit_price, net, vat_percent, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (int i = 0; i < ids.length; i++) {
                int pos = 0;
                for (Map<String, Object> l : drafts.get(i).lines()) {
                    ps.setLong(1, ids[i]);
                    ps.setInt(2, pos++);
                    ps.setString(3, (String) l.get("key"));
                    ps.setBigDecimal(4, new BigDecimal((String) l.get("quantity")));
                    ps.setString(5, (String) l.get("unit"));
                    ps.setBigDecimal(6, new BigDecimal((String) l.get("unitPrice")));
                    ps.setBigDecimal(7, new BigDecimal((String) l.get("net")));
                    ps.setBigDecimal(8, new BigDecimal((String) l.get("vatPercent")));
                    ps.setString(9, json.writeValueAsString(l.get("details")));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static List<Map<String, Object>> lines(BillDraft d) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BillLine l : d.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", l.key());
            m.put("quantity", l.quantity().toPlainString());
            m.put("unit", l.unit().name());
            m.put("unitPrice", l.unitPrice().toPlainString());
            m.put("net", l.net().amount().toPlainString());
            m.put("vatPercent", l.vatRate().percent().toPlainString());
            m.put("details", new LinkedHashMap<>(l.details()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> content(TenancyBill b, MonthBilling.Result result,
            Map<Long, List<Map<String, Object>>> meters, List<Map<String, Object>> flags, Map<Long, Long> lastYear,
            Map<Long, List<Map<String, Object>>> history, ZoneId zone) {
        BillDraft d = b.draft();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apartment", b.period().apartmentCode());
        m.put("resident", b.period().residentName());
        m.put("firstDay", LocalDate.ofInstant(b.period().from(), zone).toString());
        m.put("lastDay", LocalDate.ofInstant(b.period().to(), zone).minusDays(1).toString());
        m.put("intervals", b.request().intervalCount());
        m.put("estimatedIntervals", b.estimatedIntervals());
        m.put("consumptionWh", b.consumptionWh());
        m.put("pvWh", b.pvWh());
        m.put("allocationKey", result.rule().key().name());
        List<Map<String, Object>> vat = new ArrayList<>();
        for (VatTotal v : d.vatTotals()) {
            vat.add(Map.of("percent", v.rate().percent().toPlainString(), "net", v.net().amount().toPlainString(),
                    "vat", v.vat().amount().toPlainString(), "gross", v.gross().amount().toPlainString()));
        }
        m.put("vatTotals", vat);
        m.put("meters", meters.getOrDefault(b.period().tenancyId(), List.of()));
        List<Map<String, Object>> mine = new ArrayList<>();
        List<String> apartmentMeters = meters.getOrDefault(b.period().tenancyId(), List.of()).stream()
                .map(x -> (String) x.get("meter")).toList();
        for (Map<String, Object> f : flags) {
            Object meter = f.get("meter");
            boolean overlaps = Instant.parse((String) f.get("from")).isBefore(b.period().to())
                    && Instant.parse((String) f.get("to")).isAfter(b.period().from());
            if (overlaps && (meter == null || apartmentMeters.contains(meter))) {
                mine.add(f);
            }
        }
        m.put("flags", mine);
        m.put("lastYearWh", lastYear.get(b.period().tenancyId()));
        m.put("medianApartmentWh", result.medianApartmentWh());
        m.put("history", history.getOrDefault(b.period().apartmentId(), List.of()));
        return m;
    }

    private void storeApartmentMonths(Connection c, YearMonth month, MonthBilling.Result result) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, id FROM apartment");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        KeyTotals totals = KeyTotals.of(result);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO apartment_month (apartment_id, month, consumption_wh, pv_wh, computed_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (apartment_id, month)
                DO UPDATE SET consumption_wh = EXCLUDED.consumption_wh, pv_wh = EXCLUDED.pv_wh,
                              computed_at = EXCLUDED.computed_at""")) {
            for (Map.Entry<String, long[]> e : totals.byApartment().entrySet()) {
                ps.setLong(1, ids.get(e.getKey()));
                ps.setDate(2, Date.valueOf(month.atDay(1)));
                ps.setLong(3, e.getValue()[0]);
                ps.setLong(4, e.getValue()[1]);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Per apartment code: [consumption, pv] of the month. */
    record KeyTotals(Map<String, long[]> byApartment) {
        static KeyTotals of(MonthBilling.Result r) {
            Map<String, long[]> m = new LinkedHashMap<>();
            List<MonthInput.Consumer> cs = r.input().consumers();
            for (int i = 0; i < cs.size(); i++) {
                if (cs.get(i).kind() == MonthInput.Kind.APARTMENT) {
                    m.put(cs.get(i).code(), new long[] {r.consumerTotals().get(i).consumptionWh(),
                            r.consumerTotals().get(i).pvWh()});
                }
            }
            return new KeyTotals(m);
        }
    }

    /** Meter counters at each tenancy period's ends, per tenancy. */
    private static Map<Long, List<Map<String, Object>>> meterReadings(Connection c, MonthBilling.Result result,
            ZoneId zone) throws SQLException {
        Map<Long, List<Object[]>> metersByApartment = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT apartment_id, id, name, installed_at, removed_at FROM meter
                WHERE role = 'APARTMENT' AND installed_at < ? AND (removed_at IS NULL OR removed_at > ?) ORDER BY id""")) {
            ps.setTimestamp(1, Timestamp.from(result.input().to()));
            ps.setTimestamp(2, Timestamp.from(result.input().from()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp removed = rs.getTimestamp(5);
                    metersByApartment.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Object[] {
                            rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            removed == null ? null : removed.toInstant()});
                }
            }
        }
        List<Long> qMeter = new ArrayList<>();
        List<Timestamp> qAt = new ArrayList<>();
        Map<Long, List<Object[]>> plan = new LinkedHashMap<>();
        for (TenancyBill b : result.bills()) {
            for (Object[] m : metersByApartment.getOrDefault(b.period().apartmentId(), List.of())) {
                Instant start = ((Instant) m[2]).isAfter(b.period().from()) ? (Instant) m[2] : b.period().from();
                Instant end = m[3] != null && ((Instant) m[3]).isBefore(b.period().to()) ? (Instant) m[3] : b.period().to();
                if (!start.isBefore(end)) {
                    continue;
                }
                plan.computeIfAbsent(b.period().tenancyId(), k -> new ArrayList<>()).add(new Object[] {m[1], qMeter.size()});
                qMeter.add((Long) m[0]);
                qAt.add(Timestamp.from(start));
                qMeter.add((Long) m[0]);
                qAt.add(Timestamp.from(end));
            }
        }
        Object[][] found = new Object[qMeter.size()][];
        if (!qMeter.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT q.ord, q.at, b.read_at, b.import_wh, b.source, a.read_at, a.import_wh, a.source
                    FROM unnest(?::bigint[], ?::timestamptz[]) WITH ORDINALITY AS q(meter_id, at, ord)
                    LEFT JOIN LATERAL (
                        SELECT read_at, import_wh, source FROM meter_reading
                        WHERE meter_id = q.meter_id AND read_at <= q.at AND read_at > q.at - interval '7 days'
                        ORDER BY read_at DESC LIMIT 1) b ON true
                    LEFT JOIN LATERAL (
                        SELECT read_at, import_wh, source FROM meter_reading
                        WHERE meter_id = q.meter_id AND read_at > q.at AND read_at < q.at + interval '7 days'
                        ORDER BY read_at LIMIT 1) a ON true""")) {
                Array meters = c.createArrayOf("bigint", qMeter.toArray());
                Array ats = c.createArrayOf("timestamptz", qAt.toArray());
                ps.setArray(1, meters);
                ps.setArray(2, ats);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int ord = rs.getInt(1) - 1;
                        found[ord] = boundaryCounter(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3),
                                rs.getLong(4), rs.getString(5), rs.getTimestamp(6), rs.getLong(7), rs.getString(8));
                    }
                }
            }
        }
        Map<Long, List<Map<String, Object>>> out = new HashMap<>();
        for (Map.Entry<Long, List<Object[]>> e : plan.entrySet()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Object[] p : e.getValue()) {
                int i = (Integer) p[1];
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("meter", p[0]);
                put(m, "start", found[i]);
                put(m, "end", found[i + 1]);
                list.add(m);
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    /** Readings within this distance of a boundary count as read at it (the ledger's tolerance). */
    private static final long TOLERANCE_S = 90;

    /**
     * The counter at a period boundary: the reading at it, else interpolated linearly (HALF_UP) between the
     * readings just before and after — as the ledger splits that segment, so end − start matches the
     * billed quarter hours. Marked ESTIMATED when the nearer reading is more than 90 s away or one side is
     * missing. Returns {at, Wh, source} or null without any reading within 7 days.
     */
    static Object[] boundaryCounter(Instant at, Timestamp beforeAt, long beforeWh, String beforeSource,
            Timestamp afterAt, long afterWh, String afterSource) {
        if (beforeAt != null && beforeAt.toInstant().equals(at)) {
            return new Object[] {at, beforeWh, beforeSource};
        }
        if (beforeAt == null && afterAt == null) {
            return null;
        }
        if (beforeAt == null || afterAt == null) {
            return new Object[] {at, beforeAt != null ? beforeWh : afterWh, "ESTIMATED"};
        }
        long t0 = beforeAt.toInstant().toEpochMilli();
        long t1 = afterAt.toInstant().toEpochMilli();
        long t = at.toEpochMilli();
        long wh = beforeWh + java.math.BigDecimal.valueOf(afterWh - beforeWh).multiply(java.math.BigDecimal.valueOf(t - t0))
                .divide(java.math.BigDecimal.valueOf(t1 - t0), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        long dBefore = (t - t0) / 1000;
        long dAfter = (t1 - t) / 1000;
        String source = Math.min(dBefore, dAfter) > TOLERANCE_S ? "ESTIMATED" : dBefore <= dAfter ? beforeSource : afterSource;
        return new Object[] {at, wh, source};
    }

    private static void put(Map<String, Object> m, String prefix, Object[] r) {
        if (r == null) {
            m.put(prefix + "Wh", null);
            m.put(prefix + "At", null);
            m.put(prefix + "Source", null);
        } else {
            m.put(prefix + "Wh", r[1]);
            m.put(prefix + "At", r[0].toString());
            m.put(prefix + "Source", r[2]);
        }
    }

    private static List<Map<String, Object>> openFlags(Connection c, Instant from, Instant to) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.kind, m.name, f.period_start, f.period_end, f.detail, f.size_wh
                FROM review_flag f LEFT JOIN meter m ON m.id = f.meter_id
                WHERE f.resolved_at IS NULL AND f.period_start < ? AND f.period_end > ?
                ORDER BY f.period_start, f.id""")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("kind", rs.getString(2));
                    m.put("meter", rs.getString(3));
                    m.put("from", rs.getTimestamp(4).toInstant().toString());
                    m.put("to", rs.getTimestamp(5).toInstant().toString());
                    m.put("detail", rs.getString(6));
                    long size = rs.getLong(7);
                    m.put("sizeWh", rs.wasNull() ? null : size);
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Each tenancy period's apartment consumption in the same days one year earlier, or absent. */
    private static Map<Long, Long> lastYear(Connection c, MonthBilling.Result result, ZoneId zone) throws SQLException {
        Instant from = result.input().month().minusYears(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant to = result.input().month().minusYears(1).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<Long, Map<LocalDate, Long>> days = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.apartment_id, (e.interval_start AT TIME ZONE ?)::date, sum(e.import_wh)
                FROM interval_energy e JOIN meter m ON m.id = e.meter_id
                WHERE m.role = 'APARTMENT' AND e.interval_start >= ? AND e.interval_start < ?
                GROUP BY 1, 2""")) {
            ps.setString(1, zone.getId());
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getDate(2).toLocalDate(), rs.getLong(3));
                }
            }
        }
        Map<Long, Long> out = new HashMap<>();
        for (TenancyBill b : result.bills()) {
            Map<LocalDate, Long> d = days.get(b.period().apartmentId());
            if (d == null) {
                continue;
            }
            LocalDate first = LocalDate.ofInstant(b.period().from(), zone).minusYears(1);
            LocalDate end = LocalDate.ofInstant(b.period().to(), zone).minusYears(1);
            long sum = 0;
            int covered = 0;
            for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
                Long v = d.get(day);
                if (v != null) {
                    sum += v;
                    covered++;
                }
            }
            if (covered == first.until(end).getDays() && covered > 0) {
                out.put(b.period().tenancyId(), sum);
            }
        }
        return out;
    }

    /** The apartments' last 12 months (this one included) from earlier runs. */
    private static Map<Long, List<Map<String, Object>>> history(Connection c, YearMonth month) throws SQLException {
        Map<Long, List<Map<String, Object>>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT apartment_id, month, consumption_wh, pv_wh FROM apartment_month
                WHERE month > ? AND month <= ? ORDER BY apartment_id, month""")) {
            ps.setDate(1, Date.valueOf(month.minusMonths(12).atDay(1)));
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("month", YearMonth.from(rs.getDate(2).toLocalDate()).toString());
                    m.put("consumptionWh", rs.getLong(3));
                    m.put("pvWh", rs.getLong(4));
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> parse(String content) {
        try {
            return json.readValue(content, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored bill content is not JSON: " + e.getMessage(), e);
        }
    }
}
