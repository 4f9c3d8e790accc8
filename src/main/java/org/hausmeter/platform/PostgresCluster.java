package org.hausmeter.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL of {@link EmbeddedServers}: starting the cluster (zonky) on loopback with a password and
 * no Unix socket, its {@code pg_hba.conf}, giving an older cluster that trusted loopback a password, and the
 * application database.
 */
final class PostgresCluster {

    private static final String HBA = String.join(
            "\n",
            "# Written by Hausmeter at each start (docs/operator-guide.md): every connection needs the superuser's",
            "# password (../" + EmbeddedServers.POSTGRES_PASSWORD_FILE + "); the server listens on "
                    + EmbeddedServers.LOOPBACK + " only, without a Unix socket.",
            "# TYPE  DATABASE  USER  ADDRESS        METHOD",
            "local   all       all                  scram-sha-256",
            "host    all       all   " + EmbeddedServers.LOOPBACK + "/32   scram-sha-256",
            "");

    private PostgresCluster() {}

    /**
     * Starts the cluster in {@code pgDir} (initdb when it is new). On failure stops what may be left running and
     * throws with the last lines of its log.
     *
     * @param trusting the existing cluster lets loopback in without a password: its pg_hba.conf is left for
     *                 {@link #secure} to replace after the password is set
     */
    static EmbeddedPostgres start(
            Path dataDir,
            Path pgDir,
            Path logDir,
            Path runtimeDir,
            int port,
            Duration startWait,
            String password,
            boolean trusting)
            throws IOException {
        Path hba = pgDir.resolve("pg_hba.conf");
        Path pgLogFile = logDir.resolve("postgres.log");
        String marker = "---- Hausmeter (pid " + ProcessHandle.current().pid() + ") starts PostgreSQL on "
                + EmbeddedServers.LOOPBACK + ":" + port;
        Files.writeString(
                pgLogFile,
                marker + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder.Redirect pgLog = ProcessBuilder.Redirect.appendTo(pgLogFile.toFile());
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtimeDir.toFile())
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(startWait)
                    .setOutputRedirector(pgLog)
                    .setErrorRedirector(pgLog)
                    // The ledger of record: a commit must survive a power cut (zonky's default is off).
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", EmbeddedServers.LOOPBACK)
                    // No Unix socket (it would sit in /tmp, open to every local user): TCP on loopback only.
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("logging_collector", "off")
                    // zonky's initdb runs with -A trust; it passes its "locale" settings as --key=value after
                    // that, so these win: a new cluster asks for the superuser's password from the start.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig(
                            "pwfile",
                            dataDir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE)
                                    .toString())
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(dir -> {
                        if (!trusting) {
                            writeHba(hba);
                        }
                    })
                    .start();
        } catch (IOException | RuntimeException e) {
            Orphans.stopPostgres(pgDir, new ArrayList<>());
            // zonky took its own lock file before it gave up and never releases it: a new file (the
            // data directory's lock still guards the cluster) lets a later start in this JVM lock again.
            Files.deleteIfExists(pgDir.resolve("epg-lock"));
            throw new IOException(
                    "The embedded PostgreSQL did not start (" + (e.getMessage() != null ? e.getMessage() : e.toString())
                            + "). Last lines of [" + pgLogFile + "]:" + System.lineSeparator()
                            + tail(pgLogFile, marker, 15),
                    e);
        }
    }

    /**
     * After {@link #start}: the watchdog follows the postmaster, a trusting cluster gets the password (noted), and
     * the application database exists.
     */
    static void secure(
            EmbeddedPostgres postgres,
            Path dataDir,
            Path pgDir,
            Watchdog watchdog,
            boolean trusting,
            String password,
            List<String> notes)
            throws IOException {
        Optional<Long> postmaster = Orphans.firstLineNumber(pgDir.resolve("postmaster.pid"));
        if (watchdog != null && postmaster.isPresent()) {
            watchdog.guard("postgres", postmaster.get());
        }
        if (trusting) {
            requirePassword(postgres, password, pgDir.resolve("pg_hba.conf"));
            notes.add("The embedded PostgreSQL accepted loopback connections without a password; it now asks for"
                    + " the password in [" + dataDir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE) + "]");
        }
        createDatabaseIfMissing(postgres);
    }

    /** Whether a pg_hba.conf lets anyone in without a password (a cluster made before passwords were set). */
    static boolean trusts(Path hba) throws IOException {
        if (!Files.isRegularFile(hba)) {
            return false;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    private static void writeHba(Path hba) {
        try {
            if (!Files.isRegularFile(hba)
                    || !Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write [" + hba + "]", e);
        }
    }

    /** A cluster that trusted loopback connections gets the superuser's password and asks for it from now on. */
    private static void requirePassword(EmbeddedPostgres postgres, String password, Path hba) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + EmbeddedServers.USER + " PASSWORD '" + password.replace("'", "''") + "'");
            writeHba(hba);
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password: " + e.getMessage(), e);
        }
    }

    /** The lines of {@code log} after the last {@code marker} line, at most {@code max} of them, indented. */
    static String tail(Path log, String marker, int max) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = lines.lastIndexOf(marker) + 1;
            List<String> mine = lines.subList(Math.max(from, lines.size() - max), lines.size());
            return mine.isEmpty() ? "  (nothing)" : "  " + String.join(System.lineSeparator() + "  ", mine);
        } catch (IOException | RuntimeException e) {
            return "  (cannot read it: " + e.getMessage() + ")";
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EmbeddedServers.DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute(
                                "CREATE DATABASE " + EmbeddedServers.DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException(
                    "Could not create database [" + EmbeddedServers.DATABASE + "] in the embedded PostgreSQL", e);
        }
    }
}
