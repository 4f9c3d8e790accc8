package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.AnomalyRules;
import org.hausmeter.ledger.EnergyBalance;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.IntervalValue;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.TimeRange;
import org.jboss.logging.Logger;

/**
 * The ledger's checks for the caretaker's review list: the energy balance per quarter hour and day
 * (grid import − export + PV = consumers, within a tolerance), month-over-month consumption jumps,
 * occupied apartments without consumption for 48 h, and meters silent for more than a day. Each
 * finding is a {@code review_flag}; running a check again finds the same flags, not copies.
 * Runs every night for the previous day, and on demand.
 */
@ApplicationScoped
public class LedgerChecks {

    private static final Logger LOG = Logger.getLogger(LedgerChecks.class);

    /** An open finding. {@code meterId} is null for the building-wide balance. */
    public record Flag(
            long id, String kind, Long meterId, String meter, Instant from, Instant to, String detail, Long sizeWh) {}

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final Clock clock;
    private final BigDecimal tolerancePercent;
    private final AuditLog audit;

    LedgerChecks(
            AgroalDataSource dataSource,
            BuildingSettings settings,
            Clock clock,
            @ConfigProperty(name = "hausmeter.ledger.balance-tolerance-percent", defaultValue = "2")
                    BigDecimal tolerancePercent,
            AuditLog audit) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.tolerancePercent = tolerancePercent;
        this.audit = audit;
    }

    @Scheduled(cron = "0 30 1 * * ?", identity = "ledger-checks")
    void nightly() {
        ZoneId zone = settings.current().zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            balance(today.minusDays(1), today);
            anomalies();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Nightly ledger checks failed: " + e.getMessage(), e);
        }
    }

    /** Checks the local days [firstDay, endDay) and flags those outside the tolerance. */
    public EnergyBalance.Report balance(LocalDate firstDay, LocalDate endDay) throws SQLException {
        ZoneId zone = settings.current().zone();
        Instant from = Intervals.dayStart(firstDay, zone);
        Instant to = Intervals.dayStart(endDay, zone);
        Map<Long, MeterRole> roles = new LinkedHashMap<>();
        Map<Long, List<IntervalValue>> series = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT m.id, m.role, e.interval_start, e.import_wh, e.export_wh,"
                                + " e.quality FROM interval_energy e JOIN meter m ON m.id = e.meter_id"
                                + " WHERE e.interval_start >= ? AND e.interval_start < ? ORDER BY m.id, e.interval_start")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    roles.putIfAbsent(id, MeterRole.valueOf(rs.getString(2)));
                    series.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new IntervalValue(
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    IntervalQuality.valueOf(rs.getString(6))));
                }
            }
            List<EnergyBalance.MeterSeries> meters = new ArrayList<>();
            series.forEach((id, values) -> meters.add(new EnergyBalance.MeterSeries(id, roles.get(id), values)));
            EnergyBalance.Report report = new EnergyBalance(
                            zone, tolerancePercent, EnergyBalance.DEFAULT_MIN_MISMATCH_WH)
                    .check(meters, firstDay, endDay);
            List<Object[]> flags = new ArrayList<>();
            for (EnergyBalance.DayBalance d : report.flaggedDays()) {
                flags.add(new Object[] {
                    "BALANCE_MISMATCH",
                    null,
                    Intervals.dayStart(d.day(), zone),
                    Intervals.dayStart(d.day().plusDays(1), zone),
                    "Balance of [" + d.day() + "]: supply [" + d.supplyWh()
                            + "] Wh (grid import − export + PV), consumers ["
                            + d.consumptionWh() + "] Wh, mismatch [" + d.mismatchWh() + "] Wh [" + d.mismatchPercent()
                            + "] %, tolerance [" + tolerancePercent + "] %",
                    d.mismatchWh()
                });
            }
            store(c, flags);
            return report;
        }
    }

    /** Consumption jumps, idle occupied apartments, silent meters; returns the number of findings. */
    public int anomalies() throws SQLException {
        ZoneId zone = settings.current().zone();
        AnomalyRules rules = new AnomalyRules(zone);
        Instant now = clock.instant();
        List<Object[]> flags = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // Monthly jumps of consumers, from the last 14 months of interval energy.
            Map<Long, List<IntervalValue>> monthly =
                    intervals(c, "m.role IN ('APARTMENT', 'COMMON', 'CHARGER')", now.minus(Duration.ofDays(430)), now);
            for (Map.Entry<Long, List<IntervalValue>> e : monthly.entrySet()) {
                for (AnomalyRules.MonthlySpike s : rules.monthlySpikes(e.getKey(), e.getValue())) {
                    flags.add(new Object[] {
                        "CONSUMPTION_JUMP",
                        e.getKey(),
                        Intervals.monthStart(s.month(), zone),
                        Intervals.monthStart(s.month().plusMonths(1), zone),
                        "Consumption of [" + s.month() + "] [" + s.consumptionWh() + "] Wh is over "
                                + AnomalyRules.DEFAULT_SPIKE_FACTOR + "x [" + s.referenceWh() + "] Wh of ["
                                + s.referenceMonth() + "] (" + s.reference() + ")",
                        s.consumptionWh()
                    });
                }
            }
            // Occupied apartments without consumption, last 7 days.
            Instant weekAgo = now.minus(Duration.ofDays(7));
            Map<Long, List<IntervalValue>> apartments = intervals(c, "m.role = 'APARTMENT'", weekAgo, now);
            Map<Long, List<TimeRange>> occupied = occupied(c, weekAgo, now);
            for (Map.Entry<Long, List<IntervalValue>> e : apartments.entrySet()) {
                for (AnomalyRules.NoConsumption n :
                        rules.noConsumption(e.getKey(), e.getValue(), occupied.getOrDefault(e.getKey(), List.of()))) {
                    flags.add(new Object[] {
                        "NO_CONSUMPTION",
                        e.getKey(),
                        n.period().from(),
                        n.period().to(),
                        "No consumption from [" + n.period().from() + "] to ["
                                + n.period().to() + "] in an occupied apartment",
                        0L
                    });
                }
            }
            // Meters that have not answered for more than a day (an import-only meter is never polled: never silent).
            Map<Long, Instant> last = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, (SELECT max(r.read_at) FROM meter_reading r"
                            + " WHERE r.meter_id = m.id AND r.source = 'POLL') FROM meter m"
                            + " WHERE m.removed_at IS NULL AND NOT m.import_only");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(2);
                    if (t != null) {
                        last.put(rs.getLong(1), t.toInstant());
                    }
                }
            }
            for (AnomalyRules.SilentMeter s : rules.silentMeters(last, clock)) {
                flags.add(new Object[] {
                    "METER_SILENT",
                    s.meterId(),
                    s.lastReadingAt(),
                    s.lastReadingAt(),
                    "No reading since [" + s.lastReadingAt() + "] ("
                            + s.silentFor().toHours() + " h)",
                    null
                });
            }
            store(c, flags);
        }
        return flags.size();
    }

    /**
     * Marks an open flag as reviewed: it leaves the open list (and the flags printed on drafts at the next
     * run), stays in the table, and a check that finds the same again does not reopen it. Audited with the
     * caretaker's note as the reason.
     *
     * @return the flag as it was before
     * @throws LedgerException NOT_FOUND for an unknown id, CONFLICT when already resolved, INVALID without a note
     */
    @Transactional
    public Flag resolve(long id, String actor, String note) throws SQLException {
        if (note == null || note.isBlank()) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "Resolving a review flag needs a note (what was checked or done)");
        }
        Flag flag;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.kind, f.meter_id, m.name, f.period_start,"
                    + " f.period_end, f.detail, f.size_wh, f.resolved_at, f.resolved_by FROM review_flag f"
                    + " LEFT JOIN meter m ON m.id = f.meter_id WHERE f.id = ? FOR UPDATE OF f")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new LedgerException(LedgerException.Kind.NOT_FOUND, "No review flag [" + id + "]");
                    }
                    long meter = rs.getLong(3);
                    Long meterId = rs.wasNull() ? null : meter;
                    long size = rs.getLong(8);
                    Long sizeWh = rs.wasNull() ? null : size;
                    flag = new Flag(
                            rs.getLong(1),
                            rs.getString(2),
                            meterId,
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6).toInstant(),
                            rs.getString(7),
                            sizeWh);
                    if (rs.getTimestamp(9) != null) {
                        throw new LedgerException(
                                LedgerException.Kind.CONFLICT,
                                "Review flag [" + id + "] was resolved by [" + rs.getString(10) + "] at ["
                                        + rs.getTimestamp(9).toInstant() + "]");
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE review_flag SET resolved_at = ?, resolved_by = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, actor);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
        }
        audit.record(
                actor, "review-flag.resolve", "review-flag:" + id, flag, Map.of("resolvedBy", actor), note.strip());
        return flag;
    }

    /** Open review flags, newest first. */
    public List<Flag> openFlags() throws SQLException {
        List<Flag> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT f.id, f.kind, f.meter_id, m.name, f.period_start,"
                        + " f.period_end, f.detail, f.size_wh FROM review_flag f LEFT JOIN meter m ON m.id = f.meter_id"
                        + " WHERE f.resolved_at IS NULL ORDER BY f.period_start DESC, f.id DESC LIMIT 1000");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long meter = rs.getLong(3);
                Long meterId = rs.wasNull() ? null : meter;
                long size = rs.getLong(8);
                list.add(new Flag(
                        rs.getLong(1),
                        rs.getString(2),
                        meterId,
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7),
                        rs.wasNull() ? null : size));
            }
        }
        return list;
    }

    private static Map<Long, List<IntervalValue>> intervals(Connection c, String meterFilter, Instant from, Instant to)
            throws SQLException {
        Map<Long, List<IntervalValue>> byMeter = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.meter_id, e.interval_start, e.import_wh, e.export_wh,"
                + " e.quality FROM interval_energy e JOIN meter m ON m.id = e.meter_id WHERE " + meterFilter
                + " AND e.interval_start >= ? AND e.interval_start < ? ORDER BY e.meter_id, e.interval_start")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byMeter.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new IntervalValue(
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getLong(3),
                                    rs.getLong(4),
                                    IntervalQuality.valueOf(rs.getString(5))));
                }
            }
        }
        return byMeter;
    }

    /** Occupied periods per apartment meter (its apartment's tenancies), clipped to [from, to). */
    private static Map<Long, List<TimeRange>> occupied(Connection c, Instant from, Instant to) throws SQLException {
        Map<Long, List<TimeRange>> byMeter = new LinkedHashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT m.id, greatest(t.move_in, ?), least(coalesce(t.move_out, ?), ?)"
                        + " FROM meter m JOIN tenancy t ON t.apartment_id = m.apartment_id WHERE m.role = 'APARTMENT'"
                        + " AND t.move_in < ? AND (t.move_out IS NULL OR t.move_out > ?) ORDER BY m.id, t.move_in")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setTimestamp(5, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byMeter.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new TimeRange(
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return byMeter;
    }

    /** Rows of kind, meter id, from, to, detail, size Wh. */
    private static void store(Connection c, List<Object[]> flags) throws SQLException {
        if (flags.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO review_flag (kind, meter_id, period_start, period_end,"
                        + " detail, size_wh) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Object[] f : flags) {
                ps.setString(1, (String) f[0]);
                if (f[1] == null) {
                    ps.setNull(2, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(2, (Long) f[1]);
                }
                ps.setTimestamp(3, Timestamp.from((Instant) f[2]));
                ps.setTimestamp(4, Timestamp.from((Instant) f[3]));
                ps.setString(5, (String) f[4]);
                if (f[5] == null) {
                    ps.setNull(6, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(6, (Long) f[5]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
