package org.hausmeter.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.hausmeter.platform.EmbeddedServers;
import redis.embedded.RedisServer;

/**
 * Starts the real embedded PostgreSQL and Redis once per test JVM, on a fresh data directory under
 * target/, and points every {@code @QuarkusTest} at them: the same {@link EmbeddedServers} as the
 * default run, no mocks of either server.
 * <p>
 * Quarkus loads test classes in class loaders of its own, so "once per JVM" is kept in system
 * properties (plain strings: other libraries copy the system properties and expect strings).
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "hausmeter.test.embedded.";
    private static final String STARTED = PREFIX + "started";

    public static Map<String, String> config() {
        Properties props = System.getProperties();
        synchronized (props) {
            if (props.getProperty(STARTED) == null) {
                start(props);
            }
            Map<String, String> config = new LinkedHashMap<>();
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith(PREFIX) && !name.equals(STARTED)) {
                    config.put(name.substring(PREFIX.length()), props.getProperty(name));
                }
            }
            return config;
        }
    }

    private static void start(Properties props) {
        try {
            Path dir = Path.of("target", "test-data", "quarkus").toAbsolutePath();
            deleteRecursively(dir);
            EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    servers.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            servers.quarkusConfig().forEach((k, v) -> props.setProperty(PREFIX + k, v));
            // Session cookies of the test server: a fresh key per test JVM, never one in the repository.
            props.setProperty(
                    PREFIX + "quarkus.http.auth.session.encryption-key", org.hausmeter.platform.SessionKey.ensure(dir));
            props.setProperty(STARTED, "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shuts the embedded Redis down (as a crash or an operator would), keeping its port and data. */
    public static void stopRedis() throws IOException {
        Map<String, String> config = config();
        int port = Integer.parseInt(config.get("hausmeter.embedded.redis-port"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write(("AUTH " + config.get("quarkus.redis.password") + "\r\nSHUTDOWN NOSAVE\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            // "+OK" for AUTH, then Redis closes the connection as it goes down.
            s.getInputStream().readAllBytes();
        }
    }

    /** Starts Redis again on the same port and data after {@link #stopRedis()}. */
    public static RedisServer restartRedis() throws IOException {
        Map<String, String> config = config();
        RedisServer redis = EmbeddedServers.startRedisOnly(
                Path.of(config.get("hausmeter.embedded.data-dir")),
                Integer.parseInt(config.get("hausmeter.embedded.redis-port")));
        return redis;
    }

    /** The test profile of the server about to start (a class name), or null for the default one. */
    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(config());
        Optional<Instant> firstDay = firstDemoDay(profile);
        if (firstDay.isPresent()) {
            // A demo started for the first time on that day: a database of its own, created fresh.
            String database = "demo_" + firstDay.get().getEpochSecond();
            createDatabase(config, database);
            config.put(
                    "quarkus.datasource.jdbc.url",
                    config.get("quarkus.datasource.jdbc.url").replaceFirst("/[^/]+$", "/" + database));
            config.put("hausmeter.clock.start", firstDay.get().toString());
        } else {
            config.put("hausmeter.clock.start", clockStart().toString());
        }
        return config;
    }

    /**
     * The instant a test profile starts a fresh demo at: its public static field {@code FIRST_DAY} (an ISO
     * instant), read by name since Quarkus loads profiles in a class loader of its own.
     */
    static Optional<Instant> firstDemoDay(String profile) {
        if (profile == null || profile.isBlank()) {
            return Optional.empty();
        }
        try {
            Class<?> c = Class.forName(profile, false, Thread.currentThread().getContextClassLoader());
            return Optional.of(Instant.parse((String) c.getField("FIRST_DAY").get(null)));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Test profile [" + profile + "]: " + e, e);
        }
    }

    private static void createDatabase(Map<String, String> config, String database) {
        try (Connection c = DriverManager.getConnection(
                        config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"),
                        config.get("quarkus.datasource.password"));
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the clock of a test server starting now begins: {@link TestTime#PINNED} plus the real time since
     * the first test server of this JVM started. So a restarted server (another test profile, on the same
     * database) never goes back behind readings an earlier one stored, and the suite still lives on the
     * pinned day. Real elapsed time is measured with {@code System.nanoTime}, never with the date.
     */
    public static Instant clockStart() {
        Properties props = System.getProperties();
        synchronized (props) {
            String first = props.getProperty("hausmeter.test.clock.first-start-nanos");
            long now = System.nanoTime();
            if (first == null) {
                props.setProperty("hausmeter.test.clock.first-start-nanos", Long.toString(now));
                return TestTime.PINNED;
            }
            return TestTime.PINNED.plusNanos(now - Long.parseLong(first));
        }
    }

    @Override
    public void stop() {
        // Kept for the next test class; stopped when the JVM exits.
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
