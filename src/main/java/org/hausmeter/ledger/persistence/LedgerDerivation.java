package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.Anomaly;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Derivation;
import org.hausmeter.ledger.IntervalDeriver;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.IntervalValue;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.MeterExchange;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.TypicalProfile;
import org.jboss.logging.Logger;

/**
 * Turns stored counter readings into {@code interval_energy}: loads each meter's readings around the
 * period, its typical profile from the previous weeks, derives with the pure {@link IntervalDeriver}
 * (across a meter exchange when the period holds one), writes the rows with {@link IntervalStore} and
 * the anomalies as review flags. Deterministic and idempotent: the same readings give the same rows.
 */
@ApplicationScoped
public class LedgerDerivation {

    private static final Logger LOG = Logger.getLogger(LedgerDerivation.class);
    private static final Duration PROFILE_HISTORY = Duration.ofDays(56);

    /** What a derivation did. */
    public record Result(int meters, int rows, List<Anomaly> anomalies) {}

    private record PhysicalMeter(
            long id, String name, String role, Instant installedAt, Instant removedAt, Long replacesMeterId) {}

    private final AgroalDataSource dataSource;
    private final IntervalStore intervals;
    private final BuildingSettings settings;
    private final IntervalDeriver deriver = new IntervalDeriver();
    private final long maxPowerConsumerW;
    private final long maxPowerBuildingW;

    LedgerDerivation(
            AgroalDataSource dataSource,
            IntervalStore intervals,
            BuildingSettings settings,
            @ConfigProperty(name = "hausmeter.ledger.max-power-consumer", defaultValue = "44000")
                    long maxPowerConsumerW,
            @ConfigProperty(name = "hausmeter.ledger.max-power-building", defaultValue = "250000")
                    long maxPowerBuildingW) {
        this.dataSource = dataSource;
        this.intervals = intervals;
        this.settings = settings;
        this.maxPowerConsumerW = maxPowerConsumerW;
        this.maxPowerBuildingW = maxPowerBuildingW;
    }

    /** Derives [from, to) (quarter-hour boundaries) for every meter installed at some point in it. */
    public Result derive(Instant from, Instant to) throws SQLException {
        return derive(from, to, Optional.empty());
    }

    /** Derives [from, to) for the meter(s) installed under {@code name} in that period. */
    public Result derive(String name, Instant from, Instant to) throws SQLException {
        return derive(from, to, Optional.of(name));
    }

    private Result derive(Instant from, Instant to, Optional<String> onlyName) throws SQLException {
        ZoneId zone = settings.current().zone();
        Instant f = Intervals.floor(from);
        Instant t = Intervals.isBoundary(to) ? to : Intervals.floor(to).plusSeconds(Intervals.SECONDS);
        List<IntervalStore.MeterRows> rows = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        int meters = 0;
        try (Connection c = dataSource.getConnection()) {
            Map<String, List<PhysicalMeter>> byName = meters(c, f, t, onlyName);
            for (List<PhysicalMeter> chain : byName.values()) {
                meters++;
                PhysicalMeter last = chain.get(chain.size() - 1);
                long maxPower = List.of("GRID", "PV").contains(last.role()) ? maxPowerBuildingW : maxPowerConsumerW;
                TypicalProfile profile =
                        TypicalProfile.from(history(c, last.id(), f), zone).orElse(null);
                Derivation d;
                if (chain.size() >= 2
                        && last.replacesMeterId() != null
                        && last.replacesMeterId() == chain.get(chain.size() - 2).id()) {
                    PhysicalMeter old = chain.get(chain.size() - 2);
                    List<CounterReading> oldReadings = readings(c, old.id(), f, t);
                    List<CounterReading> newReadings = readings(c, last.id(), f, t);
                    Optional<CounterReading> oldFinal = oldReadings.stream()
                            .filter(r -> !r.readAt().isBefore(last.installedAt()))
                            .findFirst()
                            .or(() -> oldReadings.isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(oldReadings.get(oldReadings.size() - 1)));
                    Optional<CounterReading> newFirst = newReadings.stream().findFirst();
                    if (oldFinal.isEmpty() || newFirst.isEmpty()) {
                        continue;
                    }
                    MeterExchange exchange = new MeterExchange(oldFinal.get(), newFirst.get());
                    d = deriver.deriveAcrossExchange(oldReadings, exchange, newReadings, f, t, maxPower, profile);
                    Map<Long, List<IntervalValue>> split = new LinkedHashMap<>();
                    split.put(old.id(), new ArrayList<>());
                    split.put(last.id(), new ArrayList<>());
                    for (IntervalValue v : d.intervals()) {
                        split.get(exchange.meterFor(v.intervalStart())).add(v);
                    }
                    split.forEach((id, list) -> rows.add(new IntervalStore.MeterRows(id, f, t, list)));
                } else {
                    for (PhysicalMeter m : chain) {
                        List<CounterReading> around = readings(c, m.id(), f, t);
                        if (around.isEmpty()) {
                            // No reading in or around the period: nothing to derive, and nothing derived to
                            // replace. Its ESTIMATED rows came from an import (MSCONS substitute values) and stay.
                            continue;
                        }
                        Derivation one = deriver.derive(around, f, t, maxPower, profile);
                        rows.add(new IntervalStore.MeterRows(m.id(), f, t, one.intervals()));
                        anomalies.addAll(one.anomalies());
                    }
                    d = null;
                }
                if (d != null) {
                    anomalies.addAll(d.anomalies());
                }
            }
            int written = IntervalStore.replaceDerived(c, rows);
            flag(c, anomalies);
            if (!anomalies.isEmpty()) {
                LOG.warnf("Derivation of [%s, %s) found %d counter anomalies (review flags)", f, t, anomalies.size());
            }
            return new Result(meters, written, anomalies);
        }
    }

    private static Map<String, List<PhysicalMeter>> meters(
            Connection c, Instant from, Instant to, Optional<String> name) throws SQLException {
        Map<String, List<PhysicalMeter>> byName = new LinkedHashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, name, role, installed_at, removed_at, replaces_meter_id"
                        + " FROM meter WHERE installed_at < ? AND (removed_at IS NULL OR removed_at > ?)"
                        + (name.isPresent() ? " AND name = ?" : "") + " ORDER BY name, installed_at")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            if (name.isPresent()) {
                ps.setString(3, name.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp removed = rs.getTimestamp(5);
                    long replaces = rs.getLong(6);
                    PhysicalMeter m = new PhysicalMeter(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            removed == null ? null : removed.toInstant(),
                            rs.wasNull() ? null : replaces);
                    byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                }
            }
        }
        return byName;
    }

    /** The meter's readings in [from, to] plus the last one before and the first one after. */
    static List<CounterReading> readings(Connection c, long meterId, Instant from, Instant to) throws SQLException {
        List<CounterReading> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT read_at, import_wh, export_wh, source FROM meter_reading"
                        + " WHERE meter_id = ? AND read_at >= coalesce((SELECT max(read_at) FROM meter_reading WHERE meter_id = ?"
                        + " AND read_at < ?::timestamptz), ?::timestamptz) AND read_at <= coalesce((SELECT min(read_at)"
                        + " FROM meter_reading WHERE meter_id = ? AND read_at > ?::timestamptz), ?::timestamptz) ORDER BY read_at")) {
            ps.setLong(1, meterId);
            ps.setLong(2, meterId);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(from));
            ps.setLong(5, meterId);
            ps.setTimestamp(6, Timestamp.from(to));
            ps.setTimestamp(7, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long export = rs.getLong(3);
                    Long exportWh = rs.wasNull() ? null : export;
                    list.add(new CounterReading(
                            meterId,
                            rs.getTimestamp(1).toInstant(),
                            rs.getLong(2),
                            exportWh,
                            ReadingSource.valueOf(rs.getString(4))));
                }
            }
        }
        return list;
    }

    private static List<IntervalValue> history(Connection c, long meterId, Instant before) throws SQLException {
        List<IntervalValue> list = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT interval_start, import_wh, export_wh FROM interval_energy"
                        + " WHERE meter_id = ? AND interval_start >= ? AND interval_start < ? AND quality = 'MEASURED'"
                        + " ORDER BY interval_start")) {
            ps.setLong(1, meterId);
            ps.setTimestamp(2, Timestamp.from(before.minus(PROFILE_HISTORY)));
            ps.setTimestamp(3, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new IntervalValue(
                            rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), IntervalQuality.MEASURED));
                }
            }
        }
        return list;
    }

    private static void flag(Connection c, List<Anomaly> anomalies) throws SQLException {
        if (anomalies.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO review_flag (kind, meter_id, period_start, period_end,"
                        + " detail, size_wh) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Anomaly a : anomalies) {
                ps.setString(1, a.kind().name());
                ps.setLong(2, a.meterId());
                ps.setTimestamp(3, Timestamp.from(a.before()));
                ps.setTimestamp(4, Timestamp.from(a.after()));
                ps.setString(5, a.describe());
                ps.setLong(6, a.deltaWh());
                ps.addBatch();
            }
            ps.executeBatch();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
