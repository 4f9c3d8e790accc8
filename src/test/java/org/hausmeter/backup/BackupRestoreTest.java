package org.hausmeter.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 4: fill a server (the demo's first start with three months of history: readings, quarter hours,
 * tenancies, issued bills with their PDFs, the audit log), back up, restore into a fresh PostgreSQL database
 * (same embedded server, schema by Flyway as a new server would make it) and find every table identical, the
 * issued bills' PDFs byte for byte (SHA-256).
 * <p>
 * A database of its own (the test resource gives a profile with a {@code FIRST_DAY} one). The demo's meters are
 * polled on (the history comes through the poller), so the source is compared before and after the backup and the
 * backup repeated if a quarter hour was written meanwhile.
 */
@QuarkusTest
@TestProfile(BackupRestoreTest.Filled.class)
class BackupRestoreTest {

    public static class Filled implements QuarkusTestProfile {
        public static final String FIRST_DAY = "2027-09-20T08:00:00Z";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hausmeter.sim.history-months", "3", "hausmeter.demo.enabled", "true");
        }
    }

    static final String RESTORED = "restore_test";

    @Inject
    AgroalDataSource db;

    @Inject
    Backups backups;

    @Inject
    Flyway flyway;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    static Path written;
    static String adminUrl;
    static String adminUser;
    static String adminPassword;

    @Test
    void backUpAndRestore_everyTableIsIdentical() throws Exception {
        awaitDemo();
        Backups.Run run = null;
        Map<String, String> before = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            before = fingerprints(db.getConnection());
            run = backups.backUp();
            assertThat(run.ok()).as("backup: %s", run.error()).isTrue();
            written = Path.of(run.file());
            if (before.equals(fingerprints(db.getConnection()))) {
                break;
            }
        }
        assertThat(written)
                .exists()
                .hasFileName(Path.of(run.file()).getFileName().toString());
        assertThat(written.getFileName().toString()).matches("hausmeter-backup-\\d{8}T\\d{6}Z\\.zip");
        assertThat(Files.size(written)).isEqualTo(run.size());
        assertThat(written.resolveSibling(written.getFileName() + ".sha256"))
                .content()
                .startsWith(run.sha256());
        assertThat(written.resolveSibling(written.getFileName() + ".part")).doesNotExist();
        assertThat(backups.last(false)).contains(run);
        // The caretaker's overview shows it (in the caretaker account's language, German: decimal comma).
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .header("Accept-Language", "en")
                .get("/caretaker")
                .then()
                .statusCode(200)
                .body(containsString("id=\"backup\""))
                .body(containsString(run.megabytes().toPlainString().replace('.', ',') + " MB"));

        // The filled server really has what the issue names.
        assertThat(count(before, "meter_reading")).as("readings").isGreaterThan(1000);
        assertThat(count(before, "interval_energy")).as("quarter hours").isGreaterThan(1000);
        assertThat(count(before, "tenancy")).as("tenancies").isGreaterThan(5);
        assertThat(count(before, "audit_event")).as("audit events").isPositive();
        Map<String, String> pdfs = pdfHashes(db.getConnection());
        assertThat(pdfs).as("issued bills").hasSizeGreaterThanOrEqualTo(12);

        // A fresh database, its schema by Flyway as a new server makes it, then the restore.
        adminUrl = url;
        adminUser = user;
        adminPassword = password;
        String restoredUrl = createDatabase();
        Flyway.configure()
                .configuration(flyway.getConfiguration())
                .dataSource(restoredUrl, user, password)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(restoredUrl, user, password)) {
            DatabaseArchive.Restored r = DatabaseArchive.restore(c, written, false);
            assertThat(r.rows()).containsEntry("meter_reading", (long) count(before, "meter_reading"));
        }
        Map<String, String> after = fingerprints(DriverManager.getConnection(restoredUrl, user, password));
        assertThat(after).as("every table of the restored database").isEqualTo(before);
        Map<String, String> restoredPdfs = pdfHashes(DriverManager.getConnection(restoredUrl, user, password));
        assertThat(restoredPdfs).as("issued bills' PDFs (SHA-256 by number)").isEqualTo(pdfs);

        try (Connection c = DriverManager.getConnection(restoredUrl, user, password);
                Statement st = c.createStatement()) {
            // Identity sequences go on after the restored rows.
            try (ResultSet rs = st.executeQuery(
                    "INSERT INTO audit_event (at, actor, action, subject)"
                            + " VALUES ('2027-09-20T08:00:00Z', 'test', 'test.restore', 'x') RETURNING id, (SELECT max(id) FROM audit_event)")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThan(rs.getLong(2));
            }
            // A database with data is refused, and left as it was.
            assertThatThrownBy(() -> DatabaseArchive.restore(c, written, false))
                    .isInstanceOf(DatabaseArchive.RestoreRefused.class)
                    .hasMessageContaining("not empty");
        }

        // A damaged backup (one table's checksum does not match) is refused as a whole: nothing is loaded.
        Path damaged = written.resolveSibling("damaged-" + written.getFileName());
        damage(written, damaged, "meter_reading");
        try (Connection c = DriverManager.getConnection(restoredUrl, user, password);
                Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = replica");
            st.execute("TRUNCATE "
                    + String.join(
                            ", ",
                            DatabaseArchive.tables(c).stream()
                                    .map(t -> DatabaseArchive.quote(t.name()))
                                    .toList()));
            st.execute("SET session_replication_role = origin");
            assertThatThrownBy(() -> DatabaseArchive.restore(c, damaged, false))
                    .isInstanceOf(DatabaseArchive.RestoreRefused.class)
                    .hasMessageContaining("meter_reading is damaged");
            try (ResultSet rs =
                    st.executeQuery("SELECT (SELECT count(*) FROM account) + (SELECT count(*) FROM meter)")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("rows loaded before the damaged table")
                        .isZero();
            }
        } finally {
            Files.deleteIfExists(damaged);
        }
    }

    @Test
    void health_showsTheBackup() {
        given().get("/q/health/ready").then().body(containsString("\"Backup\""));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (written != null) {
            Files.deleteIfExists(written.resolveSibling(written.getFileName() + ".sha256"));
            Files.deleteIfExists(written);
        }
        if (adminUrl != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
            }
        }
    }

    /** A copy of the backup whose manifest gives the table a wrong checksum. */
    private static void damage(Path from, Path to, String table) throws java.io.IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(from.toFile());
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    data = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replaceFirst(
                                    "table\\." + table + "\\.sha256=[0-9a-f]+",
                                    "table." + table + ".sha256=" + "0".repeat(64))
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    private String createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + RESTORED);
        }
        return url.replaceFirst("/[^/?]+(\\?.*)?$", "/" + RESTORED);
    }

    /** Table to "rows:md5 of all rows as text, sorted"; closes the connection. */
    static Map<String, String> fingerprints(Connection connection) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = connection;
                Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            for (DatabaseArchive.Table t : DatabaseArchive.tables(c)) {
                String cols = String.join(
                        ", ", t.columns().stream().map(DatabaseArchive::quote).toList());
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '')" + " FROM (SELECT ROW("
                                + cols + ")::text AS r FROM " + DatabaseArchive.quote(t.name()) + ") x")) {
                    rs.next();
                    out.put(t.name(), rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return out;
    }

    private static long count(Map<String, String> fingerprints, String table) {
        return Long.parseLong(fingerprints.get(table).split(":")[0]);
    }

    /** Issued bill number to the SHA-256 of its stored PDF, checked against the SHA-256 recorded at issue. */
    static Map<String, String> pdfHashes(Connection connection) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = connection;
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT number, encode(sha256(pdf), 'hex'), pdf_sha256 FROM bill WHERE number IS NOT NULL ORDER BY number")) {
            while (rs.next()) {
                assertThat(rs.getString(2)).as("bill %s", rs.getString(1)).isEqualTo(rs.getString(3));
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private void awaitDemo() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            try (Connection c = db.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status = 'DRAFT'),"
                            + " count(*) FILTER (WHERE status = 'ISSUED') FROM bill WHERE month = DATE '2027-08-01'"
                            + " OR month = DATE '2027-07-01'")) {
                rs.next();
                if (rs.getLong(1) >= 13 && rs.getLong(2) >= 12) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The demo wrote no drafts for August 2027 within 10 minutes");
            }
            Thread.sleep(500);
        }
    }
}
