package org.hausmeter.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * The embedded Redis of {@link EmbeddedServers}: its configuration file (private in the data directory, password
 * included), its binary under {@code runtime/redis/}, its log, and telling the {@link Watchdog} its PID.
 */
final class EmbeddedRedis {

    private EmbeddedRedis() {}

    /** Starts Redis on loopback with the given password, its files under {@code dataDir/redis}. */
    static RedisServer start(Path dataDir, int port, String password) throws IOException {
        Path redisDir = LocalFiles.createPrivateDirectories(dataDir.resolve("redis"));
        Path conf = redisDir.resolve("redis.conf");
        // Our own configuration file, private in the data directory: the library's builder would write the
        // settings, password included, to a temporary file in /tmp.
        String settings = String.join(
                "\n",
                "# Written by Hausmeter at each start (docs/operator-guide.md); the password is in ../"
                        + EmbeddedServers.REDIS_PASSWORD_FILE,
                "port " + port,
                "bind " + EmbeddedServers.LOOPBACK,
                "protected-mode yes",
                "requirepass " + quoted(password),
                "dir " + quoted(redisDir.toString()),
                "pidfile "
                        + quoted(
                                redisDir.resolve(EmbeddedServers.REDIS_PID_FILE).toString()),
                "appendonly yes",
                "appendfsync everysec",
                "save 300 1",
                "daemonize no",
                "");
        writePrivate(conf, settings);
        // The binary goes to runtime/redis/ (private) rather than the library's default, a new directory in /tmp.
        File executable = ExecutableProvider.newJarResourceProvider(LocalFiles.createPrivateDirectories(
                                dataDir.resolve("runtime").resolve("redis"))
                        .toFile())
                .get();
        LineLog log = new LineLog(dataDir.resolve("log").resolve("redis.log"));
        // Redis logs to stdout; the library waits there for "Ready to accept connections" and then keeps
        // draining it into these listeners.
        RedisServer redis =
                new RedisServer(port, List.of(executable.getAbsolutePath(), conf.toString()), false, log, log);
        redis.start();
        return redis;
    }

    /** Tells the watchdog the PID of the Redis just started (from its pid file, else the child working in its dir). */
    static void guard(Watchdog watchdog, Path redisDir) throws IOException {
        if (watchdog == null) {
            return;
        }
        Optional<Long> pid = Orphans.firstLineNumber(redisDir.resolve(EmbeddedServers.REDIS_PID_FILE));
        if (pid.isEmpty()) {
            pid = ProcessHandle.current()
                    .children()
                    .filter(p -> Orphans.isOurs(p, redisDir, "redis-server").orElse(false))
                    .map(ProcessHandle::pid)
                    .findFirst();
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

    /** Appends each line of a child process's output to a log file. */
    private static final class LineLog implements java.util.function.Consumer<String> {
        private final Path file;

        LineLog(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void accept(String line) {
            try {
                Files.writeString(
                        file,
                        line + System.lineSeparator(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // A full disk must not stop Redis; the line is lost, the data is not.
            }
        }
    }
}
