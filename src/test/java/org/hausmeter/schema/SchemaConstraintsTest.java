package org.hausmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.ledger.persistence.ReadingPartitions;
import org.junit.jupiter.api.Test;

/**
 * The database itself refuses what the domain forbids: each test tries to violate one constraint
 * of the Flyway schema on the real embedded PostgreSQL and expects PostgreSQL's error code.
 */
@QuarkusTest
class SchemaConstraintsTest {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String EXCLUSION = "23P01";
    private static final String FOREIGN_KEY = "23503";
    private static final String NOT_NULL = "23502";
    private static final String NO_PARTITION = "23514";
    private static final String FORBIDDEN = "42501";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String HASH = PasswordHasher.hash("correct horse", 4);

    @Inject
    AgroalDataSource db;

    @Inject
    ReadingPartitions partitions;

    /**
     * The flats, tenancies and meters made here are committed (the constraints are the point): remove them, so
     * that other tests' bill runs see the demo building only (an open tenancy without a meter blocks issuing).
     */
    @org.junit.jupiter.api.AfterEach
    void removeFixtures() throws SQLException {
        List<Long> flats = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM apartment WHERE code ~ '^T-[0-9]+$' AND name = 'Test flat'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                flats.add(rs.getLong(1));
            }
        }
        flats.forEach(id -> org.hausmeter.accounts.TestApartments.remove(
                new org.hausmeter.accounts.TestApartments.Flat("T", null, id)));
        String meters = "(SELECT id FROM meter WHERE name ~ '^test-meter-[0-9]+$')";
        try (Connection c = db.getConnection()) {
            for (String sql : new String[] {
                "DELETE FROM interval_energy WHERE meter_id IN " + meters,
                "DELETE FROM meter_reading WHERE meter_id IN " + meters,
                "DELETE FROM review_flag WHERE meter_id IN " + meters,
                "UPDATE meter SET replaces_meter_id = NULL WHERE name ~ '^test-meter-[0-9]+$'",
                "DELETE FROM meter WHERE name ~ '^test-meter-[0-9]+$'"
            }) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.executeUpdate();
                }
            }
        }
    }

    // --- building ---

    @Test
    void building_isASingleRow() {
        assertRejected(CHECK, "INSERT INTO building (id, name, time_zone, currency) VALUES (2, 'x', 'UTC', 'EUR')");
        assertRejected(UNIQUE, "INSERT INTO building (id, name, time_zone, currency) VALUES (1, 'x', 'UTC', 'EUR')");
    }

    @Test
    void building_refusesUnknownTimeZoneAndBadCurrency() {
        assertRejected(CHECK, "UPDATE building SET time_zone = 'Europe/Atlantis'");
        assertRejected(CHECK, "UPDATE building SET currency = 'euro'");
        assertRejected(CHECK, "UPDATE building SET name = '  '");
    }

    // --- apartments, accounts, tenancies ---

    @Test
    void apartment_codeUniqueShortOneSegment_andAreaPositive() {
        String code = apartment();
        assertRejected(UNIQUE, "INSERT INTO apartment (code, name) VALUES (?, 'again')", code);
        assertRejected(
                CHECK, "INSERT INTO apartment (code, name, area_m2) VALUES (?, 'x', 0)", "Z-" + SEQ.incrementAndGet());
        // Codes are free short texts ("Whg 117"), but one URL path segment: no slash, no control character, no blank
        // at either end, at most 32 characters (V61).
        assertRejected(CHECK, "INSERT INTO apartment (code, name) VALUES ('Whg 1/2', 'x')");
        assertRejected(CHECK, "INSERT INTO apartment (code, name) VALUES (' Whg 3', 'x')");
        assertRejected(CHECK, "INSERT INTO apartment (code, name) VALUES (?, 'x')", "Whg\t4");
        assertRejected(CHECK, "INSERT INTO apartment (code, name) VALUES (?, 'x')", "W".repeat(33));
        assertRejected(CHECK, "INSERT INTO apartment (code, name) VALUES ('', 'x')");
    }

    @Test
    void account_roleAndPasswordHashAreChecked() {
        assertRejected(CHECK, "INSERT INTO account (username, display_name, role) VALUES (?, 'X', 'ADMIN')", user());
        assertRejected(
                CHECK,
                "INSERT INTO account (username, display_name, role, password_hash) VALUES (?, 'X', 'RESIDENT', 'secret')",
                user());
        assertRejected(
                CHECK,
                "INSERT INTO account (username, display_name, role, locale) VALUES (?, 'X', 'RESIDENT', 'fr')",
                user());
        String name = resident();
        assertRejected(UNIQUE, "INSERT INTO account (username, display_name, role) VALUES (?, 'X', 'RESIDENT')", name);
        assertRejected(
                CHECK,
                "INSERT INTO account (username, display_name, role) VALUES (?, 'X', 'RESIDENT')",
                "Upper-" + SEQ.incrementAndGet());
    }

    @Test
    void tenancy_periodsOfOneApartmentDoNotOverlap() {
        long apt = id("SELECT id FROM apartment WHERE code = ?", apartment());
        long a = id("SELECT id FROM account WHERE username = ?", resident());
        long b = id("SELECT id FROM account WHERE username = ?", resident());
        // 2024: before every month the bill-run tests bill (this flat has no meter readings to bill).
        exec(
                "INSERT INTO tenancy (apartment_id, resident_id, move_in, move_out) VALUES (?, ?, ?, ?)",
                apt,
                a,
                ts("2024-01-01T00:00:00Z"),
                ts("2024-06-15T10:00:00Z"));
        // The next tenant moves in at the handover instant: half-open periods touch, they don't overlap.
        exec(
                "INSERT INTO tenancy (apartment_id, resident_id, move_in, move_out) VALUES (?, ?, ?, ?)",
                apt,
                b,
                ts("2024-06-15T10:00:00Z"),
                ts("2024-07-01T00:00:00Z"));
        assertRejected(
                EXCLUSION,
                "INSERT INTO tenancy (apartment_id, resident_id, move_in, move_out) VALUES (?, ?, ?, ?)",
                apt,
                a,
                ts("2024-06-01T00:00:00Z"),
                ts("2024-06-20T00:00:00Z"));
        assertRejected(
                EXCLUSION,
                "INSERT INTO tenancy (apartment_id, resident_id, move_in) VALUES (?, ?, ?)",
                apt,
                a,
                ts("2024-06-20T00:00:00Z"));
    }

    @Test
    void tenancy_endsAfterItStartsAndBelongsToAResident() {
        long apt = id("SELECT id FROM apartment WHERE code = ?", apartment());
        long r = id("SELECT id FROM account WHERE username = ?", resident());
        assertRejected(
                CHECK,
                "INSERT INTO tenancy (apartment_id, resident_id, move_in, move_out) VALUES (?, ?, ?, ?)",
                apt,
                r,
                ts("2025-03-01T00:00:00Z"),
                ts("2025-03-01T00:00:00Z"));
        String caretaker = user();
        exec("INSERT INTO account (username, display_name, role) VALUES (?, 'C', 'CARETAKER')", caretaker);
        long c = id("SELECT id FROM account WHERE username = ?", caretaker);
        assertRejected(
                CHECK,
                "INSERT INTO tenancy (apartment_id, resident_id, move_in) VALUES (?, ?, ?)",
                apt,
                c,
                ts("2025-03-01T00:00:00Z"));
        assertRejected(
                FOREIGN_KEY,
                "INSERT INTO tenancy (apartment_id, resident_id, move_in) VALUES (?, ?, ?)",
                -1L,
                r,
                ts("2025-03-01T00:00:00Z"));
    }

    // --- meters ---

    @Test
    void meter_unitIdRoleAndOwnerAreChecked() {
        long apt = id("SELECT id FROM apartment WHERE code = ?", apartment());
        String bus = "bus-" + SEQ.incrementAndGet();
        assertRejected(CHECK, meterSql(), name(), bus, 0, "eastron-sdm630", "COMMON", null, null);
        assertRejected(CHECK, meterSql(), name(), bus, 248, "eastron-sdm630", "COMMON", null, null);
        assertRejected(CHECK, meterSql(), name(), bus, 5, "eastron-sdm630", "HEATPUMP", null, null);
        assertRejected(CHECK, meterSql(), name(), bus, 5, "eastron-sdm630", "APARTMENT", null, null);
        assertRejected(CHECK, meterSql(), name(), bus, 5, "eastron-sdm630", "PV", apt, null);
        assertRejected(CHECK, meterSql(), name(), bus, 5, "eastron-sdm630", "CHARGER", null, null);
        exec(meterSql(), name(), bus, 5, "eastron-sdm630", "APARTMENT", apt, null);
        assertRejected(UNIQUE, meterSql(), name(), bus, 5, "eastron-sdm120", "COMMON", null, null);
    }

    @Test
    void meter_removedMeterFreesItsAddress() {
        String bus = "bus-" + SEQ.incrementAndGet();
        String old = name();
        exec(meterSql(), old, bus, 7, "eastron-sdm120", "COMMON", null, null);
        exec("UPDATE meter SET removed_at = ? WHERE name = ?", ts("2025-05-01T08:00:00Z"), old);
        exec(meterSql(), name(), bus, 7, "eastron-sdm120", "COMMON", null, null);
        assertRejected(CHECK, "UPDATE meter SET removed_at = installed_at WHERE name = ?", old);
    }

    // --- readings ---

    @Test
    void reading_countersAreNonNegativeAndKeyedByMeterAndInstant() {
        long meter = commonMeter();
        Timestamp at = ts(YearMonth.now(clock.withZone(ZoneOffset.UTC))
                .atDay(2)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC)
                .toString());
        assertRejected(CHECK, readingSql(), meter, at, -1L, 0L, "POLL");
        assertRejected(CHECK, readingSql(), meter, at, 10L, -5L, "POLL");
        assertRejected(CHECK, readingSql(), meter, at, 10L, 0L, "GUESS");
        assertRejected(NOT_NULL, readingSql(), meter, at, null, 0L, "POLL");
        assertRejected(FOREIGN_KEY, readingSql(), -1L, at, 10L, 0L, "POLL");
        exec(readingSql(), meter, at, 1000L, null, "POLL");
        assertRejected(UNIQUE, readingSql(), meter, at, 1001L, null, "POLL");
        // The ledger's idempotent upsert: the same reading again changes nothing.
        exec(readingSql() + " ON CONFLICT (meter_id, read_at) DO NOTHING", meter, at, 1000L, null, "POLL");
        assertThat(id("SELECT count(*) FROM meter_reading WHERE meter_id = ?", meter))
                .isEqualTo(1);
    }

    @Test
    void reading_isStoredInItsMonthlyPartition_andPartitionsExistAhead() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 3; i++) {
            YearMonth m = now.plusMonths(i);
            expected.add(String.format("meter_reading_y%04dm%02d", m.getYear(), m.getMonthValue()));
        }
        assertThat(partitionNames()).containsAll(expected);
        assertThat(partitions.ensureAhead()).as("idempotent").isZero();

        long meter = commonMeter();
        Instant at = now.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        exec(readingSql(), meter, Timestamp.from(at), 5L, 0L, "POLL");
        String partition = string(
                "SELECT tableoid::regclass::text FROM meter_reading WHERE meter_id = ? AND read_at = ?",
                meter,
                Timestamp.from(at));
        assertThat(partition).isEqualTo(expected.get(1));
    }

    @Test
    void reading_withoutPartitionIsRefused_untilTheLedgerCreatesIt() {
        long meter = commonMeter();
        Timestamp old = ts("2019-03-31T01:00:00Z");
        assertRejected(NO_PARTITION, readingSql(), meter, old, 5L, 0L, "IMPORT");
        assertThat(partitions.ensureCovering(
                        Instant.parse("2019-03-01T00:00:00Z"), Instant.parse("2019-05-01T00:00:00Z")))
                .isEqualTo(2);
        exec(readingSql(), meter, old, 5L, 0L, "IMPORT");
    }

    @Test
    void intervalEnergy_startsOnAQuarterHourAndHasAKnownQuality() {
        long meter = commonMeter();
        String sql =
                "INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh, quality) VALUES (?, ?, ?, ?, ?)";
        assertRejected(CHECK, sql, meter, ts("2025-06-01T10:07:00Z"), 10L, 0L, "MEASURED");
        assertRejected(CHECK, sql, meter, ts("2025-06-01T10:15:00.5Z"), 10L, 0L, "MEASURED");
        assertRejected(CHECK, sql, meter, ts("2025-06-01T10:15:00Z"), -1L, 0L, "MEASURED");
        assertRejected(CHECK, sql, meter, ts("2025-06-01T10:15:00Z"), 10L, 0L, "GUESSED");
        exec(sql, meter, ts("2025-06-01T10:15:00Z"), 10L, 0L, "ESTIMATED");
        assertRejected(UNIQUE, sql, meter, ts("2025-06-01T10:15:00Z"), 11L, 0L, "MEASURED");
        // 15-minute alignment is in UTC, so it holds in zones with a 30-minute offset too.
        exec(sql, meter, ts("2025-06-01T10:30:00+05:30"), 1L, 0L, "MEASURED");
    }

    // --- audit ---

    @Test
    void audit_isAppendOnly() {
        exec(
                "INSERT INTO audit_event (actor, action, subject, reason) VALUES ('hauswart', 'test.touch', 'schema', 'test')");
        long id = id("SELECT max(id) FROM audit_event");
        assertRejected(FORBIDDEN, "UPDATE audit_event SET actor = 'someone-else' WHERE id = ?", id);
        assertRejected(FORBIDDEN, "DELETE FROM audit_event WHERE id = ?", id);
        assertRejected(FORBIDDEN, "TRUNCATE audit_event");
        assertRejected(CHECK, "INSERT INTO audit_event (actor, action, subject) VALUES ('x', 'Not A Verb', 'y')");
    }

    // --- helpers ---

    private static String meterSql() {
        return "INSERT INTO meter (name, bus, unit_id, model, role, apartment_id, charger, installed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z')";
    }

    private static String readingSql() {
        return "INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source) VALUES (?, ?, ?, ?, ?)";
    }

    private long commonMeter() {
        String name = name();
        exec(meterSql(), name, "bus-" + SEQ.incrementAndGet(), 1, "eastron-sdm120", "COMMON", null, null);
        return id("SELECT id FROM meter WHERE name = ?", name);
    }

    private String apartment() {
        String code = "T-" + SEQ.incrementAndGet();
        exec("INSERT INTO apartment (code, name, area_m2) VALUES (?, 'Test flat', 50.5)", code);
        return code;
    }

    private String resident() {
        String u = user();
        exec(
                "INSERT INTO account (username, display_name, role, password_hash) VALUES (?, 'Test', 'RESIDENT', ?)",
                u,
                HASH);
        return u;
    }

    private static String user() {
        return "test-user-" + SEQ.incrementAndGet();
    }

    private static String name() {
        return "test-meter-" + SEQ.incrementAndGet();
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(java.time.OffsetDateTime.parse(instant).toInstant());
    }

    private List<String> partitionNames() {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " WHERE i.inhparent = 'meter_reading'::regclass");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private void assertRejected(String sqlState, String sql, Object... params) {
        assertThatThrownBy(() -> run(sql, params))
                .as("expected SQLSTATE %s from: %s", sqlState, sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as(e.getMessage())
                        .isEqualTo(sqlState));
    }

    private void exec(String sql, Object... params) {
        try {
            run(sql, params);
        } catch (SQLException e) {
            throw new AssertionError("Unexpected failure of [" + sql + "]: " + e.getMessage(), e);
        }
    }

    private long id(String sql, Object... params) {
        return Long.parseLong(string(sql, params));
    }

    private String string(String sql, Object... params) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row from " + sql).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void run(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
