package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.Calibration;
import org.hausmeter.ledger.MeterRole;

/** The building's meters as the caretaker sees them: installed now, their history of exchanges, and their newest readings. */
@ApplicationScoped
public class Meters {

    /**
     * One physical meter.
     *
     * @param owner apartment code, charger id, or null for the house (PV, grid connection, common area)
     * @param removedAt null while installed
     * @param replacesMeterId the meter it replaced in an exchange, or null
     * @param bus null for an import-only meter
     * @param unitId 0 for an import-only meter
     * @param model null when an import-only meter names none
     * @param importOnly its values arrive only by import (source "Import" on the meters page; never polled)
     * @param calibration its calibration register entry
     */
    public record MeterInfo(
            long id,
            String name,
            MeterRole role,
            String bus,
            int unitId,
            String model,
            String owner,
            Instant installedAt,
            Instant removedAt,
            Long replacesMeterId,
            boolean importOnly,
            Calibration calibration) {}

    private static final String SELECT =
            "SELECT m.id, m.name, m.role, m.bus, m.unit_id, m.model, coalesce(a.code, m.charger),"
                    + " m.installed_at, m.removed_at, m.replaces_meter_id, m.import_only, m.verified_year, m.valid_until"
                    + " FROM meter m LEFT JOIN apartment a ON a.id = m.apartment_id";

    private final AgroalDataSource dataSource;

    Meters(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Meters installed now, by name. */
    public List<MeterInfo> installed() {
        return query(SELECT + " WHERE m.removed_at IS NULL ORDER BY m.name", null);
    }

    /** @return true when a meter of that role is installed now */
    public boolean anyInstalled(MeterRole role) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM meter WHERE role = ? AND removed_at IS NULL LIMIT 1")) {
            ps.setString(1, role.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read meters: " + e.getMessage(), e);
        }
    }

    /** Every physical meter that was ever installed under {@code name}, newest first (exchanges). */
    public List<MeterInfo> history(String name) {
        return query(SELECT + " WHERE m.name = ? ORDER BY m.installed_at DESC", name);
    }

    /** The newest stored reading of each meter name (of whichever physical meter took it). */
    public Map<String, MeterReadings.Reading> latestReadings() {
        Map<String, MeterReadings.Reading> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT m.name, r.read_at, r.import_wh, r.export_wh, r.source
                FROM meter m CROSS JOIN LATERAL (SELECT read_at, import_wh, export_wh, source FROM meter_reading
                    WHERE meter_id = m.id ORDER BY read_at DESC LIMIT 1) r
                ORDER BY m.name, r.read_at""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long export = rs.getLong(4);
                out.put(
                        rs.getString(1),
                        new MeterReadings.Reading(
                                rs.getTimestamp(2).toInstant(),
                                rs.getLong(3),
                                rs.wasNull() ? null : export,
                                rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the newest readings: " + e.getMessage(), e);
        }
        return out;
    }

    private List<MeterInfo> query(String sql, String name) {
        List<MeterInfo> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp removed = rs.getTimestamp(9);
                    long replaces = rs.getLong(10);
                    Long replacesId = rs.wasNull() ? null : replaces;
                    int year = rs.getInt(12);
                    Integer verifiedYear = rs.wasNull() ? null : year;
                    java.sql.Date until = rs.getDate(13);
                    out.add(new MeterInfo(
                            rs.getLong(1),
                            rs.getString(2),
                            MeterRole.valueOf(rs.getString(3)),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getTimestamp(8).toInstant(),
                            removed == null ? null : removed.toInstant(),
                            replacesId,
                            rs.getBoolean(11),
                            new Calibration(verifiedYear, until == null ? null : until.toLocalDate())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read meters: " + e.getMessage(), e);
        }
        return out;
    }
}
