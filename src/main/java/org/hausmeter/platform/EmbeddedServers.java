package org.hausmeter.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

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
 * <p>
 * This class holds the data directory, the order of starting and stopping and what Quarkus is told; the servers
 * themselves are started by {@link PostgresCluster} and {@link EmbeddedRedis}.
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

    private EmbeddedServers(
            Settings settings,
            DataDirectoryLock lock,
            EmbeddedPostgres postgres,
            String postgresPassword,
            boolean initialised,
            Duration postgresStart,
            RedisServer redis,
            int redisPort,
            String redisPassword,
            Duration redisStart,
            Watchdog watchdog,
            List<String> notes) {
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
            watchdog = Watchdog.start(pgDir, redisDir, logDir.resolve("watchdog.log"))
                    .orElse(null);

            boolean fresh = !Files.exists(pgDir.resolve("postgresql.conf"));
            long t0 = System.nanoTime();
            String pgPassword = null;
            if (settings.withPostgres()) {
                Path hba = pgDir.resolve("pg_hba.conf");
                boolean trusting = !fresh && PostgresCluster.trusts(hba);
                Path passwordFile = dataDir.resolve(POSTGRES_PASSWORD_FILE);
                if (!fresh && !trusting && !Files.exists(passwordFile)) {
                    throw new IOException(
                            "The embedded PostgreSQL in [" + pgDir + "] asks for a password, but [" + passwordFile
                                    + "] is missing. Restore it from a backup of the data directory, or replace scram-sha-256 by trust"
                                    + " in [" + hba
                                    + "] and start again: the server then sets a new password and asks for it again.");
                }
                pgPassword = LocalFiles.secret(dataDir, POSTGRES_PASSWORD_FILE);
                int pgPort = settings.pgPort() == 0 ? freePort() : settings.pgPort();
                postgres = PostgresCluster.start(
                        dataDir, pgDir, logDir, runtimeDir, pgPort, postgresStartWait, pgPassword, trusting);
                PostgresCluster.secure(postgres, dataDir, pgDir, watchdog, trusting, pgPassword, notes);
            }
            Duration pgStart = Duration.ofNanos(System.nanoTime() - t0);

            long t1 = System.nanoTime();
            int redisPort = settings.redisPort() == 0 ? freePort() : settings.redisPort();
            String redisPassword = null;
            if (settings.withRedis()) {
                redisPassword = LocalFiles.secret(dataDir, REDIS_PASSWORD_FILE);
                redis = EmbeddedRedis.start(dataDir, redisPort, redisPassword);
                EmbeddedRedis.guard(watchdog, redisDir);
            }
            Duration redisStart = Duration.ofNanos(System.nanoTime() - t1);
            // zonky makes its working directory (runtime/) writable for everyone each time it unpacks: undo that.
            tightenRuntime(runtimeDir);

            return new EmbeddedServers(
                    settings,
                    lock,
                    postgres,
                    pgPassword,
                    fresh,
                    pgStart,
                    redis,
                    redisPort,
                    redisPassword,
                    redisStart,
                    watchdog,
                    notes);
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
        return EmbeddedRedis.start(dir, port, LocalFiles.secret(dir, REDIS_PASSWORD_FILE));
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
        Set<java.nio.file.attribute.PosixFilePermission> pg =
                Files.isDirectory(pgDir) ? LocalFiles.permissions(pgDir) : null;
        if (pg != null
                && !pg.equals(LocalFiles.PRIVATE_DIR)
                && !pg.equals(PosixFilePermissions.fromString("rwxr-x---"))) {
            LocalFiles.ensureExactly(pgDir, LocalFiles.PRIVATE_DIR, fixed);
        }
        for (String secret :
                List.of(SessionKey.FILE, POSTGRES_PASSWORD_FILE, REDIS_PASSWORD_FILE, "redis/redis.conf")) {
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
            redis = EmbeddedRedis.start(dataDir(), redisPort, redisPassword);
            EmbeddedRedis.guard(watchdog, dataDir().resolve("redis"));
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
