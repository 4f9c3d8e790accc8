package org.hausmeter.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real PostgreSQL and a real Redis, started from binaries shipped in Maven jars, with their files
 * under one data directory. Used by the default run (no database configured) and by the tests.
 * <p>
 * Layout of the data directory: {@code postgres/} (the cluster), {@code redis/} (append-only file
 * and snapshots), {@code log/} (server logs), {@code runtime/} (unpacked binaries),
 * {@code hausmeter.lock} (held while a server runs, see {@link DataDirectoryLock}),
 * {@value #POSTGRES_PASSWORD_FILE} and {@value #REDIS_PASSWORD_FILE} (generated passwords, mode 0600).
 * <p>
 * Both servers listen on 127.0.0.1 only and ask for their password (PostgreSQL: scram-sha-256, no Unix socket;
 * Redis: {@code requirepass}). The directory and everything in it is the server user's alone ({@link LocalFiles}).
 * They follow the server: a {@link Watchdog} stops them when the server's JVM ends without stopping them, and a
 * start first stops what an earlier server left running on the same directory ({@link Orphans}).
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    /** Name of the application database inside the embedded cluster. */
    public static final String DATABASE = "hausmeter";
    /** Superuser of the embedded cluster; its password is in {@value #POSTGRES_PASSWORD_FILE}. */
    public static final String USER = "postgres";
    /** The embedded PostgreSQL superuser's password, in the data directory (mode 0600). */
    public static final String POSTGRES_PASSWORD_FILE = "postgres.password";
    /** The embedded Redis's password ({@code requirepass}), in the data directory (mode 0600). */
    public static final String REDIS_PASSWORD_FILE = "redis.password";
    /** The only address both embedded servers listen on. */
    static final String LOOPBACK = "127.0.0.1";
    static final String REDIS_PID_FILE = "redis.pid";
    private static final Duration POSTGRES_START_WAIT = Duration.ofSeconds(60);

    /**
     * What to start.
     *
     * @param dataDir   directory for all files; created if missing, kept across restarts
     * @param pgPort    TCP port for PostgreSQL on loopback; 0 picks a free one
     * @param redisPort TCP port for Redis on loopback; 0 picks a free one
     * @param withPostgres start PostgreSQL (false when an external one is configured)
     * @param withRedis    start Redis (false when an external one is configured)
     */
    public record Settings(Path dataDir, int pgPort, int redisPort, boolean withPostgres, boolean withRedis) {
        public Settings(Path dataDir, int pgPort, int redisPort) {
            this(dataDir, pgPort, redisPort, true, true);
        }
    }

    private final Settings settings;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgres postgres;
    private volatile RedisServer redis;
    private final int redisPort;
    private final String postgresPassword;
    private final String redisPassword;
    private final Watchdog watchdog;
    private final List<String> notes;
    private final Duration postgresStart;
    private final Duration redisStart;
    private final boolean initialised;

    private EmbeddedServers(Settings settings, DataDirectoryLock lock, EmbeddedPostgres postgres, String postgresPassword,
            boolean initialised, Duration postgresStart, RedisServer redis, int redisPort, String redisPassword,
            Duration redisStart, Watchdog watchdog, List<String> notes) {
        this.settings = settings;
        this.lock = lock;
        this.postgres = postgres;
        this.postgresPassword = postgresPassword;
        this.initialised = initialised;
        this.postgresStart = postgresStart;
        this.redis = redis;
        this.redisPort = redisPort;
        this.redisPassword = redisPassword;
        this.redisStart = redisStart;
        this.watchdog = watchdog;
        this.notes = List.copyOf(notes);
    }

    /**
     * Starts both servers. Fails before touching any file of the data directory when another
     * process holds it. Before starting, stops what an earlier server left running on the directory and
     * fixes permissions that let others write in it ({@link #notes()} says what was done).
     *
     * @throws DataDirectoryLock.DataDirectoryInUseException if the data directory is in use
     * @throws IOException if a server does not start; for PostgreSQL the message ends with its log's last lines
     */
    public static EmbeddedServers start(Settings settings) throws IOException {
        return start(settings, POSTGRES_START_WAIT);
    }

    /** As {@link #start(Settings)}, waiting at most {@code postgresStartWait} for PostgreSQL to answer. */
    static EmbeddedServers start(Settings settings, Duration postgresStartWait) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        List<String> notes = new ArrayList<>();
        EmbeddedPostgres postgres = null;
        RedisServer redis = null;
        Watchdog watchdog = null;
        Path pgDir = dataDir.resolve("postgres");
        Path redisDir = dataDir.resolve("redis");
        try {
            Path logDir = LocalFiles.createPrivateDirectories(dataDir.resolve("log"));
            Path runtimeDir = LocalFiles.createPrivateDirectories(dataDir.resolve("runtime"));
            tightenPermissions(dataDir, notes);
            // Nothing of an earlier server may still run on these files (we hold the lock: it belongs to nobody).
            if (Files.isDirectory(pgDir)) {
                Orphans.stopPostgres(pgDir, notes);
            }
            if (Files.isDirectory(redisDir)) {
                Orphans.stopRedis(redisDir, REDIS_PID_FILE, notes);
            }
            if (settings.withPostgres()) {
                LocalFiles.createPrivateDirectories(pgDir);
            }
            if (settings.withRedis()) {
                LocalFiles.createPrivateDirectories(redisDir);
            }
            watchdog = Watchdog.start(pgDir, redisDir, logDir.resolve("watchdog.log")).orElse(null);

            boolean fresh = !Files.exists(pgDir.resolve("postgresql.conf"));
            long t0 = System.nanoTime();
            String pgPassword = null;
            if (settings.withPostgres()) {
                Path hba = pgDir.resolve("pg_hba.conf");
                boolean trusting = !fresh && trusts(hba);
                Path passwordFile = dataDir.resolve(POSTGRES_PASSWORD_FILE);
                if (!fresh && !trusting && !Files.exists(passwordFile)) {
                    throw new IOException("The embedded PostgreSQL in [" + pgDir + "] asks for a password, but [" + passwordFile
                            + "] is missing. Restore it from a backup of the data directory, or replace scram-sha-256 by trust"
                            + " in [" + hba + "] and start again: the server then sets a new password and asks for it again.");
                }
                pgPassword = LocalFiles.secret(dataDir, POSTGRES_PASSWORD_FILE);
                int pgPort = settings.pgPort() == 0 ? freePort() : settings.pgPort();
                Path pgLogFile = logDir.resolve("postgres.log");
                String marker = "---- Hausmeter (pid " + ProcessHandle.current().pid() + ") starts PostgreSQL on " + LOOPBACK
                        + ":" + pgPort;
                Files.writeString(pgLogFile, marker + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                ProcessBuilder.Redirect pgLog = ProcessBuilder.Redirect.appendTo(pgLogFile.toFile());
                try {
                    postgres = EmbeddedPostgres.builder()
                            .setDataDirectory(pgDir)
                            .setCleanDataDirectory(false)
                            .setOverrideWorkingDirectory(runtimeDir.toFile())
                            .setPort(pgPort)
                            .setRegisterShutdownHook(false)
                            .setPGStartupWait(postgresStartWait)
                            .setOutputRedirector(pgLog)
                            .setErrorRedirector(pgLog)
                            // The ledger of record: a commit must survive a power cut (zonky's default is off).
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("listen_addresses", LOOPBACK)
                            // No Unix socket (it would sit in /tmp, open to every local user): TCP on loopback only.
                            .setServerConfig("unix_socket_directories", "''")
                            .setServerConfig("max_connections", "60")
                            .setServerConfig("shared_buffers", "64MB")
                            .setServerConfig("logging_collector", "off")
                            // zonky's initdb runs with -A trust; it passes its "locale" settings as --key=value after
                            // that, so these win: a new cluster asks for the superuser's password from the start.
                            .setLocaleConfig("auth", "scram-sha-256")
                            .setLocaleConfig("pwfile", dataDir.resolve(POSTGRES_PASSWORD_FILE).toString())
                            .setConnectConfig("password", pgPassword)
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
                    throw new IOException("The embedded PostgreSQL did not start (" + (e.getMessage() != null ? e.getMessage()
                            : e.toString()) + "). Last lines of [" + pgLogFile + "]:" + System.lineSeparator()
                            + tail(pgLogFile, marker, 15), e);
                }
                Optional<Long> postmaster = Orphans.firstLineNumber(pgDir.resolve("postmaster.pid"));
                if (watchdog != null && postmaster.isPresent()) {
                    watchdog.guard("postgres", postmaster.get());
                }
                if (trusting) {
                    requirePassword(postgres, pgPassword, hba);
                    notes.add("The embedded PostgreSQL accepted loopback connections without a password; it now asks for"
                            + " the password in [" + dataDir.resolve(POSTGRES_PASSWORD_FILE) + "]");
                }
                createDatabaseIfMissing(postgres);
            }
            Duration pgStart = Duration.ofNanos(System.nanoTime() - t0);

            long t1 = System.nanoTime();
            int redisPort = settings.redisPort() == 0 ? freePort() : settings.redisPort();
            String redisPassword = null;
            if (settings.withRedis()) {
                redisPassword = LocalFiles.secret(dataDir, REDIS_PASSWORD_FILE);
                redis = startRedis(dataDir, redisPort, redisPassword);
                guardRedis(watchdog, redisDir);
            }
            Duration redisStart = Duration.ofNanos(System.nanoTime() - t1);
            // zonky makes its working directory (runtime/) writable for everyone each time it unpacks: undo that.
            tightenRuntime(runtimeDir);

            return new EmbeddedServers(settings, lock, postgres, pgPassword, fresh, pgStart, redis, redisPort, redisPassword,
                    redisStart, watchdog, notes);
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                try {
                    redis.stop();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (watchdog != null) {
                watchdog.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Starts Redis alone on a data directory whose lock this JVM already holds (tests restart
     * Redis with it after shutting it down from outside), with the password in the data directory. Stop it with
     * {@link RedisServer#stop()}. No watchdog follows this Redis; the next start stops it if it is left running.
     */
    public static RedisServer startRedisOnly(Path dataDir, int port) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        return startRedis(dir, port, LocalFiles.secret(dir, REDIS_PASSWORD_FILE));
    }

    private static RedisServer startRedis(Path dataDir, int port, String password) throws IOException {
        Path redisDir = LocalFiles.createPrivateDirectories(dataDir.resolve("redis"));
        Path conf = redisDir.resolve("redis.conf");
        // Our own configuration file, private in the data directory: the library's builder would write the
        // settings, password included, to a temporary file in /tmp.
        String settings = String.join("\n",
                "# Written by Hausmeter at each start (docs/operator-guide.md); the password is in ../" + REDIS_PASSWORD_FILE,
                "port " + port,
                "bind " + LOOPBACK,
                "protected-mode yes",
                "requirepass " + quoted(password),
                "dir " + quoted(redisDir.toString()),
                "pidfile " + quoted(redisDir.resolve(REDIS_PID_FILE).toString()),
                "appendonly yes",
                "appendfsync everysec",
                "save 300 1",
                "daemonize no",
                "");
        writePrivate(conf, settings);
        // The binary goes to runtime/redis/ (private) rather than the library's default, a new directory in /tmp.
        File executable = ExecutableProvider.newJarResourceProvider(
                LocalFiles.createPrivateDirectories(dataDir.resolve("runtime").resolve("redis")).toFile()).get();
        LineLog log = new LineLog(dataDir.resolve("log").resolve("redis.log"));
        // Redis logs to stdout; the library waits there for "Ready to accept connections" and then keeps
        // draining it into these listeners.
        RedisServer redis = new RedisServer(port, List.of(executable.getAbsolutePath(), conf.toString()), false, log, log);
        redis.start();
        return redis;
    }

    /** Tells the watchdog the PID of the Redis just started (from its pid file, else the child working in its dir). */
    private static void guardRedis(Watchdog watchdog, Path redisDir) throws IOException {
        if (watchdog == null) {
            return;
        }
        Optional<Long> pid = Orphans.firstLineNumber(redisDir.resolve(REDIS_PID_FILE));
        if (pid.isEmpty()) {
            pid = ProcessHandle.current().children()
                    .filter(p -> Orphans.isOurs(p, redisDir, "redis-server").orElse(false))
                    .map(ProcessHandle::pid).findFirst();
        }
        if (pid.isPresent()) {
            watchdog.guard("redis", pid.get());
        }
    }

    /** A value for redis.conf: double-quoted, so spaces in paths survive. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void writePrivate(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(LocalFiles.SECRET));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        LocalFiles.ensureExactly(file, LocalFiles.SECRET, new ArrayList<>());
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * The data directory and its parts: 0700 for the directories, 0600 for secrets, no group or others' write
     * permission anywhere below runtime/, log/ and redis/; the cluster directory 0700 (or 0750, which PostgreSQL
     * also accepts). What had to change goes into {@code fixed}.
     */
    private static void tightenPermissions(Path dataDir, List<String> fixed) throws IOException {
        LocalFiles.ensureExactly(dataDir, LocalFiles.PRIVATE_DIR, fixed);
        for (String name : List.of("runtime", "log", "redis")) {
            Path dir = dataDir.resolve(name);
            if (Files.isDirectory(dir)) {
                LocalFiles.ensureExactly(dir, LocalFiles.PRIVATE_DIR, fixed);
                LocalFiles.removeGroupAndOthersWrite(dir, fixed);
            }
        }
        Path pgDir = dataDir.resolve("postgres");
        Set<java.nio.file.attribute.PosixFilePermission> pg = Files.isDirectory(pgDir) ? LocalFiles.permissions(pgDir) : null;
        if (pg != null && !pg.equals(LocalFiles.PRIVATE_DIR) && !pg.equals(PosixFilePermissions.fromString("rwxr-x---"))) {
            LocalFiles.ensureExactly(pgDir, LocalFiles.PRIVATE_DIR, fixed);
        }
        for (String secret : List.of(SessionKey.FILE, POSTGRES_PASSWORD_FILE, REDIS_PASSWORD_FILE, "redis/redis.conf")) {
            Path file = dataDir.resolve(secret);
            if (Files.isRegularFile(file)) {
                LocalFiles.ensureExactly(file, LocalFiles.SECRET, fixed);
            }
        }
    }

    private static void tightenRuntime(Path runtimeDir) throws IOException {
        List<String> expected = new ArrayList<>();
        LocalFiles.ensureExactly(runtimeDir, LocalFiles.PRIVATE_DIR, expected);
        LocalFiles.removeGroupAndOthersWrite(runtimeDir, expected);
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

    private static final String HBA = String.join("\n",
            "# Written by Hausmeter at each start (docs/operator-guide.md): every connection needs the superuser's",
            "# password (../" + POSTGRES_PASSWORD_FILE + "); the server listens on " + LOOPBACK + " only, without a Unix socket.",
            "# TYPE  DATABASE  USER  ADDRESS        METHOD",
            "local   all       all                  scram-sha-256",
            "host    all       all   " + LOOPBACK + "/32   scram-sha-256",
            "");

    private static void writeHba(Path hba) {
        try {
            if (!Files.isRegularFile(hba) || !Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write [" + hba + "]", e);
        }
    }

    /** A cluster that trusted loopback connections gets the superuser's password and asks for it from now on. */
    private static void requirePassword(EmbeddedPostgres postgres, String password, Path hba) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
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
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not create database [" + DATABASE + "] in the embedded PostgreSQL", e);
        }
    }

    /** Appends each line of a child process's output to a log file. */
    private static final class LineLog implements java.util.function.Consumer<String> {
        private final Path file;

        LineLog(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void accept(String line) {
            try {
                Files.writeString(file, line + System.lineSeparator(), java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                // A full disk must not stop Redis; the line is lost, the data is not.
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on loopback", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/" + DATABASE;
    }

    /** The embedded PostgreSQL superuser's ({@link #USER}) password. */
    public String postgresPassword() {
        return postgresPassword;
    }

    /** Redis's address without the password (for logs); clients also need {@link #redisPassword()}. */
    public String redisUrl() {
        return "redis://" + LOOPBACK + ":" + redisPort;
    }

    /** Redis's address with the password, as an operator sets {@code HAUSMETER_REDIS_URL} for a Redis of their own. */
    public String redisUrlWithPassword() {
        return "redis://:" + redisPassword + "@" + LOOPBACK + ":" + redisPort;
    }

    public String redisPassword() {
        return redisPassword;
    }

    /** What this start had to do first: orphans stopped, stale pid files removed, permissions fixed. */
    public List<String> notes() {
        return notes;
    }

    /** PID of the watchdog process, empty where none runs (tests kill it to leave orphans behind). */
    Optional<Long> watchdogPid() {
        return Optional.ofNullable(watchdog).map(Watchdog::pid);
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public int redisPort() {
        return redisPort;
    }

    public Path dataDir() {
        return settings.dataDir().toAbsolutePath().normalize();
    }

    /** True when this start created the PostgreSQL cluster (initdb ran). */
    public boolean createdCluster() {
        return initialised;
    }

    public Duration postgresStartTime() {
        return postgresStart;
    }

    public Duration redisStartTime() {
        return redisStart;
    }

    /**
     * Configuration that points Quarkus at these servers; set as system properties before the
     * application starts, they win over application.properties and environment variables.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (postgres != null) {
            config.put("quarkus.datasource.jdbc.url", jdbcUrl());
            config.put("quarkus.datasource.username", USER);
            config.put("quarkus.datasource.password", postgresPassword);
            config.put("hausmeter.embedded.postgres", "true");
            config.put("hausmeter.embedded.postgres-start-ms", Long.toString(postgresStart.toMillis()));
            config.put("hausmeter.embedded.postgres-port", Integer.toString(postgres.getPort()));
            config.put("hausmeter.embedded.postgres-new-cluster", Boolean.toString(initialised));
        }
        if (settings.withRedis()) {
            config.put("quarkus.redis.hosts", redisUrl());
            config.put("quarkus.redis.password", redisPassword);
            config.put("hausmeter.embedded.redis", "true");
            config.put("hausmeter.embedded.redis-start-ms", Long.toString(redisStart.toMillis()));
            config.put("hausmeter.embedded.redis-port", Integer.toString(redisPort));
        }
        config.put("hausmeter.embedded.data-dir", dataDir().toString());
        if (!notes.isEmpty()) {
            config.put("hausmeter.embedded.notes", String.join("\n", notes));
        }
        return config;
    }

    /** Stops Redis only (tests use it to show the server keeps serving without Redis). */
    public synchronized void stopRedis() throws IOException {
        if (redis != null) {
            redis.stop();
            redis = null;
        }
    }

    /** Starts Redis again on the same port and data directory after {@link #stopRedis()}. */
    public synchronized void startRedis() throws IOException {
        if (redis == null && settings.withRedis()) {
            redis = startRedis(dataDir(), redisPort, redisPassword);
            guardRedis(watchdog, dataDir().resolve("redis"));
        }
    }

    /**
     * Stops Redis (it writes its append-only file), then PostgreSQL (fast shutdown, checkpoint), then tells the
     * watchdog that all is done and unlocks.
     */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        try {
            stopRedis();
        } catch (IOException e) {
            failure = e;
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (watchdog != null) {
            watchdog.close();
        }
        lock.close();
        LOG.info("Embedded PostgreSQL and Redis stopped");
        if (failure != null) {
            throw failure;
        }
    }
}
