package org.hausmeter.charging.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The power control's records (V76): each change of a charger's limit ({@code power_limit_change}) and the
 * § 14a dimming periods ({@code grid_dimming_period}). Plain JDBC, one statement per call (autocommit).
 */
@ApplicationScoped
public class PowerStore {

    /** One change of a charger's limit. */
    public record LimitChange(
            long id,
            Instant at,
            String charger,
            Long sessionId,
            int amps,
            int phases,
            int previousAmps,
            String reason,
            boolean dimmed,
            String output,
            boolean ok,
            String error) {}

    /** A dimming period; {@code endedAt} null while it lasts. */
    public record DimmingPeriod(
            long id,
            Instant startedAt,
            Instant endedAt,
            String source,
            int limitW,
            int maxPlannedW,
            String startedBy,
            String endedBy) {}

    private final AgroalDataSource db;

    PowerStore(AgroalDataSource db) {
        this.db = db;
    }

    public void recordChange(LimitChange c) {
        run("""
                INSERT INTO power_limit_change (at, charger, session_id, amps, phases, previous_amps, reason, dimmed,
                    output, ok, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(c.at()));
            ps.setString(2, c.charger());
            if (c.sessionId() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, c.sessionId());
            }
            ps.setInt(4, c.amps());
            ps.setInt(5, c.phases());
            ps.setInt(6, c.previousAmps());
            ps.setString(7, c.reason());
            ps.setBoolean(8, c.dimmed());
            ps.setString(9, c.output());
            ps.setBoolean(10, c.ok());
            ps.setString(11, c.error());
            ps.executeUpdate();
            return null;
        });
    }

    /** Changes, newest first; {@code charger} null = all. */
    public List<LimitChange> changes(String charger, Instant from, Instant to, int limit) {
        return run("""
                SELECT id, at, charger, session_id, amps, phases, previous_amps, reason, dimmed, output, ok, error
                FROM power_limit_change WHERE (?::text IS NULL OR charger = ?) AND at >= ? AND at < ?
                ORDER BY at DESC, id DESC LIMIT ?""", ps -> {
            ps.setString(1, charger);
            ps.setString(2, charger);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setInt(5, limit);
            List<LimitChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long session = rs.getLong(4);
                    out.add(new LimitChange(
                            rs.getLong(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            rs.wasNull() ? null : session,
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getString(8),
                            rs.getBoolean(9),
                            rs.getString(10),
                            rs.getBoolean(11),
                            rs.getString(12)));
                }
            }
            return out;
        });
    }

    /** The open period of {@code source}, if any. */
    public Optional<DimmingPeriod> openPeriod(String source) {
        List<DimmingPeriod> p = periods(
                "SELECT " + PERIOD_COLUMNS + " FROM grid_dimming_period WHERE source = ? AND ended_at IS NULL",
                ps -> ps.setString(1, source));
        return p.stream().findFirst();
    }

    /** Periods overlapping [from, to), oldest first. */
    public List<DimmingPeriod> periods(Instant from, Instant to) {
        return periods(
                "SELECT " + PERIOD_COLUMNS + " FROM grid_dimming_period WHERE started_at < ?"
                        + " AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(to));
                    ps.setTimestamp(2, Timestamp.from(from));
                });
    }

    public void startPeriod(String source, Instant at, int limitW, String by) {
        run(
                "INSERT INTO grid_dimming_period (started_at, source, limit_w, started_by) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, source);
                    ps.setInt(3, limitW);
                    ps.setString(4, by);
                    ps.executeUpdate();
                    return null;
                });
    }

    public void endPeriod(String source, Instant at, String by) {
        run(
                "UPDATE grid_dimming_period SET ended_at = greatest(?, started_at), ended_by = ?"
                        + " WHERE source = ? AND ended_at IS NULL",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, by);
                    ps.setString(3, source);
                    ps.executeUpdate();
                    return null;
                });
    }

    /** Raises the open periods' most planned total power to {@code plannedW} where it is higher. */
    public void notePlanned(int plannedW) {
        run("UPDATE grid_dimming_period SET max_planned_w = ? WHERE ended_at IS NULL AND max_planned_w < ?", ps -> {
            ps.setInt(1, plannedW);
            ps.setInt(2, plannedW);
            ps.executeUpdate();
            return null;
        });
    }

    private static final String PERIOD_COLUMNS =
            "id, started_at, ended_at, source, limit_w, max_planned_w, started_by, ended_by";

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private List<DimmingPeriod> periods(String sql, Binder binder) {
        return run(sql, ps -> {
            binder.bind(ps);
            List<DimmingPeriod> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(3);
                    out.add(new DimmingPeriod(
                            rs.getLong(1),
                            rs.getTimestamp(2).toInstant(),
                            end == null ? null : end.toInstant(),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getString(7),
                            rs.getString(8)));
                }
            }
            return out;
        });
    }

    private <T> T run(String sql, Work<T> work) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Power control records: " + e.getMessage(), e);
        }
    }
}
