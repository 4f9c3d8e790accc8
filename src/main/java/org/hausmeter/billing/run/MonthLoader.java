package org.hausmeter.billing.run;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.Adjustment;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.billing.run.MonthInput.TenancyPeriod;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Reads a month's {@link MonthInput} from the ledger (interval_energy), the people tables, the EV
 * sessions and the adjustments, over one JDBC connection.
 *
 * <p>Tenancy periods are cut to whole local days: a move on day D, at whatever time, ends the old
 * tenancy and starts the new one at D 00:00 (so neighbouring tenancies never share a quarter hour).
 */
public final class MonthLoader {

    private MonthLoader() {}

    /**
     * A meter of the month and the consumer it feeds (-1 for PV and grid meters), in force over
     * [installed, removed) in epoch seconds ({@code Long.MAX_VALUE}: still installed); {@code present} marks its
     * quarter hours that have a value.
     */
    private record MeterRow(long id, String role, int consumer, long installed, long removed, BitSet present) {}

    public static MonthInput load(Connection c, YearMonth month, ZoneId zone, Currency currency) throws SQLException {
        Instant from = Intervals.monthStart(month, zone);
        Instant to = Intervals.monthStart(month.plusMonths(1), zone);
        int n = Intervals.count(from, to);

        List<Consumer> consumers = new ArrayList<>();
        Map<Long, Integer> apartmentConsumer = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, code, name, area_m2 FROM apartment ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                apartmentConsumer.put(rs.getLong(1), consumers.size());
                consumers.add(new Consumer(
                        Kind.APARTMENT,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        new long[n],
                        new BitSet(n)));
            }
        }
        Map<String, Integer> chargerConsumer = new LinkedHashMap<>();
        int common = -1;
        List<MeterRow> meters = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, role, apartment_id, charger, extract(epoch FROM installed_at),
                       extract(epoch FROM removed_at) FROM meter
                WHERE installed_at < ? AND (removed_at IS NULL OR removed_at > ?) ORDER BY role, charger, id""")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(2);
                    int consumer = -1;
                    switch (role) {
                        case "APARTMENT" -> consumer = apartmentConsumer.get(rs.getLong(3));
                        case "COMMON" -> {
                            if (common < 0) {
                                common = consumers.size();
                                consumers.add(new Consumer(
                                        Kind.COMMON, "common", "common", null, new long[n], new BitSet(n)));
                            }
                            consumer = common;
                        }
                        case "CHARGER" -> {
                            String ch = rs.getString(4);
                            Integer i = chargerConsumer.get(ch);
                            if (i == null) {
                                i = consumers.size();
                                chargerConsumer.put(ch, i);
                                consumers.add(new Consumer(Kind.CHARGER, ch, ch, null, new long[n], new BitSet(n)));
                            }
                            consumer = i;
                        }
                        default -> consumer = -1;
                    }
                    double installed = rs.getDouble(5);
                    double removed = rs.getDouble(6);
                    boolean stillInstalled = rs.wasNull();
                    meters.add(new MeterRow(
                            rs.getLong(1),
                            role,
                            consumer,
                            (long) Math.ceil(installed),
                            stillInstalled ? Long.MAX_VALUE : (long) Math.floor(removed),
                            new BitSet(n)));
                }
            }
        }
        long[] pv = new long[n];
        long[] gridImport = new long[n];
        long[] gridExport = new long[n];
        Map<Long, MeterRow> byId = new HashMap<>();
        meters.forEach(m -> byId.put(m.id(), m));
        if (!meters.isEmpty()) {
            // COPY text out is about twice as fast to read as a result set of the same rows.
            StringBuilder ids = new StringBuilder();
            for (MeterRow m : meters) {
                ids.append(ids.length() == 0 ? "" : ",").append(m.id());
            }
            String sql = "COPY (SELECT meter_id, extract(epoch FROM interval_start)::bigint, import_wh, export_wh,"
                    + " CASE quality WHEN 'ESTIMATED' THEN 1 WHEN 'IMPORTED' THEN 2 ELSE 0 END FROM interval_energy WHERE meter_id IN ("
                    + ids + ")"
                    + " AND interval_start >= to_timestamp(" + from.getEpochSecond() + ")"
                    + " AND interval_start < to_timestamp(" + to.getEpochSecond() + ")) TO STDOUT";
            long base = from.getEpochSecond();
            try {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyOut(sql, new java.io.Writer() {
                    private final long[] f = new long[5];
                    private int field;
                    private long value;
                    private boolean neg;

                    @Override
                    public void write(char[] buf, int off, int len) {
                        for (int i = off; i < off + len; i++) {
                            char ch = buf[i];
                            if (ch >= '0' && ch <= '9') {
                                value = value * 10 + (ch - '0');
                            } else if (ch == '-') {
                                neg = true;
                            } else if (ch == '\t' || ch == '\n') {
                                f[field++] = neg ? -value : value;
                                value = 0;
                                neg = false;
                                if (ch == '\n') {
                                    row(f);
                                    field = 0;
                                }
                            }
                        }
                    }

                    private void row(long[] r) {
                        MeterRow m = byId.get(r[0]);
                        int t = (int) ((r[1] - base) / Intervals.SECONDS);
                        switch (m.role()) {
                            case "PV" -> pv[t] += r[3] - r[2];
                            case "GRID" -> {
                                gridImport[t] += r[2];
                                gridExport[t] += r[3];
                            }
                            default -> {
                                Consumer k = consumers.get(m.consumer());
                                k.importWh()[t] += r[2];
                                m.present().set(t);
                                if (r[4] == 1) {
                                    k.estimated().set(t);
                                } else if (r[4] == 2) {
                                    k.imported().set(t);
                                }
                            }
                        }
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                });
            } catch (java.io.IOException e) {
                throw new SQLException("Reading interval energy failed: " + e.getMessage(), e);
            }
        }
        markMissing(consumers, meters, from.getEpochSecond(), n);
        for (int t = 0; t < n; t++) {
            if (pv[t] < 0) {
                pv[t] = 0; // the inverter's own night consumption is not negative production
            }
        }

        List<TenancyPeriod> tenancies = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.id, t.apartment_id, a.code, t.resident_id, acc.display_name, t.move_in, t.move_out
                FROM tenancy t JOIN apartment a ON a.id = t.apartment_id JOIN account acc ON acc.id = t.resident_id
                WHERE t.move_in < ? AND (t.move_out IS NULL OR t.move_out > ?)
                ORDER BY a.code, t.move_in""")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant in = dayStart(rs.getTimestamp(6).toInstant(), zone);
                    Timestamp outTs = rs.getTimestamp(7);
                    Instant out = outTs == null ? to : dayStart(outTs.toInstant(), zone);
                    Instant pFrom = in.isAfter(from) ? in : from;
                    Instant pTo = out.isBefore(to) ? out : to;
                    if (pFrom.isBefore(pTo)) {
                        tenancies.add(new TenancyPeriod(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getString(5),
                                pFrom,
                                pTo));
                    }
                }
            }
        }

        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, charger, tenancy_id, started_at, ended_at, end_wh - start_wh, card_group FROM charging_session
                WHERE status = 'CLOSED' AND started_at >= ? AND started_at < ? AND tenancy_id IS NOT NULL
                ORDER BY started_at, id""")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new Session(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(),
                            rs.getLong(6),
                            rs.getString(7)));
                }
            }
        }

        Map<Long, List<Adjustment>> adjustments = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tenancy_id, reason, net, vat_percent FROM bill_adjustment WHERE month = ? ORDER BY id")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    adjustments
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Adjustment(
                                    rs.getString(2),
                                    Money.of(currency, rs.getBigDecimal(3)),
                                    new VatRate(rs.getBigDecimal(4))));
                }
            }
        }
        return new MonthInput(month, zone, pv, gridImport, gridExport, consumers, tenancies, sessions, adjustments);
    }

    /**
     * Marks each consumer's quarter hours without a value (docs/billing.md, "Completeness"): a quarter hour has a
     * value when at least one of the consumer's meters overlapping it has an {@code interval_energy} row for it and
     * every meter in force for the whole quarter hour has one. No meter overlapping it: no value. (At an exchange
     * inside a quarter hour neither meter is in force for all of it, so either one's row is enough.)
     */
    private static void markMissing(List<Consumer> consumers, List<MeterRow> meters, long base, int n) {
        Map<Integer, List<MeterRow>> byConsumer = new HashMap<>();
        for (MeterRow m : meters) {
            if (m.consumer() >= 0) {
                byConsumer.computeIfAbsent(m.consumer(), k -> new ArrayList<>()).add(m);
            }
        }
        for (int ci = 0; ci < consumers.size(); ci++) {
            List<MeterRow> mine = byConsumer.getOrDefault(ci, List.of());
            BitSet missing = consumers.get(ci).missing();
            for (int t = 0; t < n; t++) {
                long qs = base + (long) t * Intervals.SECONDS;
                long qe = qs + Intervals.SECONDS;
                boolean anyValue = false;
                boolean lacking = false;
                for (MeterRow m : mine) {
                    if (m.installed() >= qe || m.removed() <= qs) {
                        continue;
                    }
                    if (m.present().get(t)) {
                        anyValue = true;
                    } else if (m.installed() <= qs && m.removed() >= qe) {
                        lacking = true;
                    }
                }
                if (!anyValue || lacking) {
                    missing.set(t);
                }
            }
        }
    }

    /** @return the start of the local day containing {@code t} */
    static Instant dayStart(Instant t, ZoneId zone) {
        return Intervals.dayStart(LocalDate.ofInstant(t, zone), zone);
    }
}
