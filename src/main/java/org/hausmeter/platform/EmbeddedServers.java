package org.hausmeter.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL and a real Redis, started from binaries shipped in Maven jars, with their files
 * under one data directory. Used by the default run (no database configured) and by the tests.
 * <p>
 * Layout of the data directory: {@code postgres/} (the cluster), {@code redis/} (append-only file
 * and snapshots), {@code log/} (server logs), {@code runtime/} (unpacked binaries),
 * {@code hausmeter.lock} (held while a server runs, see {@link DataDirectoryLock}).
 * Both servers listen on the loopback interface only.
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    /** Name of the application database inside the embedded cluster. */
    public static final String DATABASE = "hausmeter";
    /** Superuser of the embedded cluster; it accepts loopback connections without a password. */
    public static final String USER = "postgres";

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
    private final Duration postgresStart;
    private final Duration redisStart;
    private final boolean initialised;

    private EmbeddedServers(Settings settings, DataDirectoryLock lock, EmbeddedPostgres postgres, boolean initialised,
            Duration postgresStart, RedisServer redis, int redisPort, Duration redisStart) {
        this.settings = settings;
        this.lock = lock;
        this.postgres = postgres;
        this.initialised = initialised;
        this.postgresStart = postgresStart;
        this.redis = redis;
        this.redisPort = redisPort;
        this.redisStart = redisStart;
    }

    /**
     * Starts both servers. Fails before touching any file of the data directory when another
     * process holds it.
     *
     * @throws DataDirectoryLock.DataDirectoryInUseException if the data directory is in use
     */
    public static EmbeddedServers start(Settings settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedPostgres postgres = null;
        try {
            Path logDir = Files.createDirectories(dataDir.resolve("log"));
            Path runtimeDir = Files.createDirectories(dataDir.resolve("runtime"));
            Path pgDir = dataDir.resolve("postgres");
            boolean fresh = !Files.exists(pgDir.resolve("postgresql.conf"));
            long t0 = System.nanoTime();
            if (settings.withPostgres()) {
            ProcessBuilder.Redirect pgLog = ProcessBuilder.Redirect.appendTo(logDir.resolve("postgres.log").toFile());
                postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtimeDir.toFile())
                    .setPort(settings.pgPort() == 0 ? freePort() : settings.pgPort())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(pgLog)
                    .setErrorRedirector(pgLog)
                    // The ledger of record: a commit must survive a power cut (zonky's default is off).
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("logging_collector", "off")
                    .start();
                createDatabaseIfMissing(postgres);
            }
            Duration pgStart = Duration.ofNanos(System.nanoTime() - t0);

            long t1 = System.nanoTime();
            int redisPort = settings.redisPort() == 0 ? freePort() : settings.redisPort();
            RedisServer redis = null;
            if (settings.withRedis()) {
                redis = startRedis(dataDir, redisPort);
            }
            Duration redisStart = Duration.ofNanos(System.nanoTime() - t1);

            EmbeddedServers servers = new EmbeddedServers(settings, lock, postgres, fresh, pgStart, redis, redisPort,
                    redisStart);
            return servers;
        } catch (IOException | RuntimeException e) {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Starts Redis alone on a data directory whose lock this JVM already holds (tests restart
     * Redis with it after shutting it down from outside). Stop it with {@link RedisServer#stop()}.
     */
    public static RedisServer startRedisOnly(Path dataDir, int port) throws IOException {
        return startRedis(dataDir.toAbsolutePath().normalize(), port);
    }

    private static RedisServer startRedis(Path dataDir, int port) throws IOException {
        Path redisDir = Files.createDirectories(dataDir.resolve("redis"));
        LineLog log = new LineLog(dataDir.resolve("log").resolve("redis.log"));
        RedisServer redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + redisDir)
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save 300 1")
                .setting("daemonize no")
                // Redis logs to stdout; the library waits there for "Ready to accept connections"
                // and then keeps draining it into these listeners.
                .soutListener(log)
                .serrListener(log)
                .build();
        redis.start();
        return redis;
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
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
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
            config.put("quarkus.datasource.password", "");
            config.put("hausmeter.embedded.postgres", "true");
            config.put("hausmeter.embedded.postgres-start-ms", Long.toString(postgresStart.toMillis()));
            config.put("hausmeter.embedded.postgres-port", Integer.toString(postgres.getPort()));
            config.put("hausmeter.embedded.postgres-new-cluster", Boolean.toString(initialised));
        }
        if (settings.withRedis()) {
            config.put("quarkus.redis.hosts", redisUrl());
            config.put("hausmeter.embedded.redis", "true");
            config.put("hausmeter.embedded.redis-start-ms", Long.toString(redisStart.toMillis()));
            config.put("hausmeter.embedded.redis-port", Integer.toString(redisPort));
        }
        config.put("hausmeter.embedded.data-dir", dataDir().toString());
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
            redis = startRedis(dataDir(), redisPort);
        }
    }

    /** Stops Redis (it writes its append-only file), then PostgreSQL (fast shutdown, checkpoint), then unlocks. */
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
        lock.close();
        LOG.info("Embedded PostgreSQL and Redis stopped");
        if (failure != null) {
            throw failure;
        }
    }
}
