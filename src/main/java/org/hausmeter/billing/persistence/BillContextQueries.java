package org.hausmeter.billing.persistence;

import java.sql.Array;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.BillContent;
import org.hausmeter.billing.run.MonthBilling.TenancyBill;
import org.hausmeter.ledger.BoundaryCounter;
import org.hausmeter.ledger.Intervals;

/**
 * What a run reads besides the month's inputs to fill a bill's content (meter counters at the period's ends,
 * open review flags, last year, the last 12 months) and the per-apartment month totals it writes
 * ({@code apartment_month}). SQL only; the counter rule is {@link BoundaryCounter}'s.
 */
public final class BillContextQueries {

    private BillContextQueries() {}

    /** Per tenancy, the counters of the apartment's meters at the period's ends. */
    public static Map<Long, List<BillContent.MeterCounters>> meterCounters(
            Connection c, List<TenancyBill> bills, Instant from, Instant to) throws SQLException {
        record Meter(long id, String name, Instant installed, Instant removed) {}
        record Planned(String meter, int index) {}
        Map<Long, List<Meter>> metersByApartment = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT apartment_id, id, name, installed_at, removed_at FROM meter
                WHERE role = 'APARTMENT' AND installed_at < ? AND (removed_at IS NULL OR removed_at > ?) ORDER BY id""")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp removed = rs.getTimestamp(5);
                    metersByApartment
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Meter(
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getTimestamp(4).toInstant(),
                                    removed == null ? null : removed.toInstant()));
                }
            }
        }
        List<Long> qMeter = new ArrayList<>();
        List<Timestamp> qAt = new ArrayList<>();
        Map<Long, List<Planned>> plan = new LinkedHashMap<>();
        for (TenancyBill b : bills) {
            for (Meter m : metersByApartment.getOrDefault(b.period().apartmentId(), List.of())) {
                Instant start = m.installed().isAfter(b.period().from())
                        ? m.installed()
                        : b.period().from();
                Instant end =
                        m.removed() != null && m.removed().isBefore(b.period().to())
                                ? m.removed()
                                : b.period().to();
                if (!start.isBefore(end)) {
                    continue;
                }
                plan.computeIfAbsent(b.period().tenancyId(), k -> new ArrayList<>())
                        .add(new Planned(m.name(), qMeter.size()));
                qMeter.add(m.id());
                qAt.add(Timestamp.from(start));
                qMeter.add(m.id());
                qAt.add(Timestamp.from(end));
            }
        }
        BoundaryCounter[] found = new BoundaryCounter[qMeter.size()];
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
                        found[ord] = BoundaryCounter.at(
                                rs.getTimestamp(2).toInstant(),
                                instant(rs.getTimestamp(3)),
                                rs.getLong(4),
                                rs.getString(5),
                                instant(rs.getTimestamp(6)),
                                rs.getLong(7),
                                rs.getString(8));
                    }
                }
            }
        }
        Map<Long, List<BillContent.MeterCounters>> out = new HashMap<>();
        for (Map.Entry<Long, List<Planned>> e : plan.entrySet()) {
            List<BillContent.MeterCounters> list = new ArrayList<>();
            for (Planned p : e.getValue()) {
                list.add(BillContent.MeterCounters.of(p.meter(), found[p.index()], found[p.index() + 1]));
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** @return the unresolved review flags overlapping [from, to) */
    public static List<BillContent.Flag> openFlags(Connection c, Instant from, Instant to) throws SQLException {
        List<BillContent.Flag> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.kind, m.name, f.period_start, f.period_end, f.detail, f.size_wh
                FROM review_flag f LEFT JOIN meter m ON m.id = f.meter_id
                WHERE f.resolved_at IS NULL AND f.period_start < ? AND f.period_end > ?
                ORDER BY f.period_start, f.id""")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(7);
                    Long sizeWh = rs.wasNull() ? null : size;
                    out.add(new BillContent.Flag(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(),
                            rs.getString(6),
                            sizeWh));
                }
            }
        }
        return out;
    }

    /** Each tenancy period's apartment consumption in the same days one year earlier, or absent. */
    public static Map<Long, Long> lastYear(Connection c, YearMonth month, List<TenancyBill> bills, ZoneId zone)
            throws SQLException {
        Instant from = Intervals.monthStart(month.minusYears(1), zone);
        Instant to = Intervals.monthStart(month.minusYears(1).plusMonths(1), zone);
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
                    days.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getDate(2).toLocalDate(), rs.getLong(3));
                }
            }
        }
        Map<Long, Long> out = new HashMap<>();
        for (TenancyBill b : bills) {
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

    /** Per apartment id, its last 12 months (this one included) from earlier runs. */
    public static Map<Long, List<BillContent.HistoryMonth>> history(Connection c, YearMonth month) throws SQLException {
        Map<Long, List<BillContent.HistoryMonth>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT apartment_id, month, consumption_wh, pv_wh FROM apartment_month
                WHERE month > ? AND month <= ? ORDER BY apartment_id, month""")) {
            ps.setDate(1, Date.valueOf(month.minusMonths(12).atDay(1)));
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new BillContent.HistoryMonth(
                                    YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /**
     * Stores the month's totals per apartment.
     *
     * @param byApartment per apartment code: [consumption Wh, PV Wh]
     */
    public static void storeApartmentMonths(Connection c, YearMonth month, Map<String, long[]> byApartment, Instant now)
            throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, id FROM apartment");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO apartment_month (apartment_id, month, consumption_wh, pv_wh, computed_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (apartment_id, month)
                DO UPDATE SET consumption_wh = EXCLUDED.consumption_wh, pv_wh = EXCLUDED.pv_wh,
                              computed_at = EXCLUDED.computed_at""")) {
            for (Map.Entry<String, long[]> e : byApartment.entrySet()) {
                ps.setLong(1, ids.get(e.getKey()));
                ps.setDate(2, Date.valueOf(month.atDay(1)));
                ps.setLong(3, e.getValue()[0]);
                ps.setLong(4, e.getValue()[1]);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
