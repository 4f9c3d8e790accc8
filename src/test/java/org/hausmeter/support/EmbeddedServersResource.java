package org.hausmeter.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
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
            props.setProperty(PREFIX + "quarkus.http.auth.session.encryption-key", org.hausmeter.platform.SessionKey.ensure(dir));
            props.setProperty(STARTED, "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shuts the embedded Redis down (as a crash or an operator would), keeping its port and data. */
    public static void stopRedis() throws IOException {
        int port = Integer.parseInt(config().get("hausmeter.embedded.redis-port"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read();
        }
    }

    /** Starts Redis again on the same port and data after {@link #stopRedis()}. */
    public static RedisServer restartRedis() throws IOException {
        Map<String, String> config = config();
        RedisServer redis = EmbeddedServers.startRedisOnly(Path.of(config.get("hausmeter.embedded.data-dir")),
                Integer.parseInt(config.get("hausmeter.embedded.redis-port")));
        return redis;
    }

    @Override
    public Map<String, String> start() {
        return config();
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
