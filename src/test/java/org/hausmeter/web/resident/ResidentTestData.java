package org.hausmeter.web.resident;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Data of the demo building for the resident page tests, generated like the bill run tests do it (simulated
 * readings, then the ledger's derivation): June 2026 and June 2025 (no other test uses them), the two days
 * around the demo's tenant change, and one EV session of anna's on 10 June 2026. Idempotent, and done
 * once per test JVM (all {@code @QuarkusTest} classes share one database).
 */
final class ResidentTestData {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate JUNE_10 = LocalDate.of(2026, 6, 10);
    static final Instant SESSION_START = JUNE_10.atTime(18, 0).atZone(BERLIN).toInstant();
    static final long SESSION_WH = 5_000;
    private static final String DONE = "hausmeter.test.resident-data";

    private ResidentTestData() {}

    static void ensure(org.hausmeter.support.DemoHistory history, AgroalDataSource db) throws Exception {
        synchronized (System.getProperties()) {
            if (System.getProperty(DONE) != null) {
                return;
            }
            LocalDate handover = handover(db);
            history.month(java.time.YearMonth.of(2025, 6));
            history.month(java.time.YearMonth.of(2026, 6));
            history.days(handover.minusDays(1), handover);
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO charging_session (charger, meter_id, card_uid, resident_id, tenancy_id, started_at, ended_at,
                        start_wh, end_wh, status, end_reason, seen_power, source)
                    SELECT 'ch-1', m.id, '04A1B2C3D4E5F0', a.id, t.id, ?, ?, 1000000, ?, 'CLOSED', 'CARD', true, 'SIMULATED_TAP'
                    FROM account a JOIN tenancy t ON t.resident_id = a.id JOIN meter m ON m.charger = 'ch-1' AND m.removed_at IS NULL
                    WHERE a.username = 'anna' AND NOT EXISTS (SELECT 1 FROM charging_session s WHERE s.resident_id = a.id
                          AND s.started_at = ?)""")) {
                ps.setTimestamp(1, Timestamp.from(SESSION_START));
                ps.setTimestamp(2, Timestamp.from(SESSION_START.plusSeconds(5400)));
                ps.setLong(3, 1_000_000 + SESSION_WH);
                ps.setTimestamp(4, Timestamp.from(SESSION_START));
                ps.executeUpdate();
            }
            System.setProperty(DONE, "true");
        }
    }

    /** The local day on which the demo's changes tenant (emil out, fatma in). */
    static LocalDate handover(AgroalDataSource db) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT t.move_in FROM tenancy t JOIN account a ON a.id = t.resident_id WHERE a.username = 'fatma'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), BERLIN);
        }
    }

    /** Σ of the apartment's meters' quarter hours in [from, to). */
    static long wh(AgroalDataSource db, String apartment, Instant from, Instant to) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(sum(e.import_wh), 0) FROM interval_energy e JOIN meter m ON m.id = e.meter_id
                JOIN apartment a ON a.id = m.apartment_id
                WHERE m.role = 'APARTMENT' AND a.code = ? AND e.interval_start >= ? AND e.interval_start < ?""")) {
            ps.setString(1, apartment);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Σ of the apartment's quarter hours of whole local days [first, end). */
    static long wh(AgroalDataSource db, String apartment, LocalDate first, LocalDate end) throws Exception {
        return wh(
                db,
                apartment,
                first.atStartOfDay(BERLIN).toInstant(),
                end.atStartOfDay(BERLIN).toInstant());
    }
}
