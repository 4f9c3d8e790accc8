package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hausmeter.platform.EmbeddedServersTest.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that dies without stopping its databases (kill -9) does not keep the next one from starting: the
 * watchdog stops them when the server's JVM is gone, and a start stops what is still running on its data directory
 * (the watchdog was killed too) or removes pid files that name someone else. Servers run in a child JVM
 * ({@link EmbeddedServersChild}) that the test kills with SIGKILL. Every wait is for a condition, with a deadline
 * of minutes; nothing is timed.
 */
class CrashRestartTest {

    private static final Path BASE =
            Path.of("target", "test-data", "crash-restart-test").toAbsolutePath();
    private static final long DEADLINE_S = 180;

    private Process child;

    @BeforeAll
    static void clean() throws IOException {
        EmbeddedServersResource.deleteRecursively(BASE);
    }

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverKilledWithSigkill_takesItsDatabasesAlong_andTheNextStartIsUp() throws Exception {
        Path dir = BASE.resolve("watchdog");
        Started first = startChild(dir);
        long postmaster =
                Orphans.firstLineNumber(dir.resolve("postgres/postmaster.pid")).orElseThrow();
        long redisPid = Orphans.firstLineNumber(dir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE))
                .orElseThrow();
        writeSomething(dir, first);

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(DEADLINE_S, TimeUnit.SECONDS)).isTrue();

        String watchdogLog = dir.resolve("log/watchdog.log").toString();
        assertThat(awaitGone(postmaster))
                .as("PostgreSQL stopped by the watchdog, see " + watchdogLog)
                .isTrue();
        assertThat(awaitGone(redisPid))
                .as("Redis stopped by the watchdog, see " + watchdogLog)
                .isTrue();
        assertThat(dir.resolve("postgres/postmaster.pid"))
                .as("a clean PostgreSQL shutdown")
                .doesNotExist();
        assertThat(awaitLine(dir.resolve("log/watchdog.log"), "watchdog: stopped"))
                .as(watchdogLog)
                .isTrue();
        assertThat(Files.readString(dir.resolve("log/watchdog.log"))).contains("ended without stopping its servers");

        try (EmbeddedServers again = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0))) {
            assertThat(again.notes()).as("nothing was left to clean up").isEmpty();
            assertSomethingIsThere(again);
        }
    }

    @Test
    void databasesLeftRunningWithoutAWatchdog_areStoppedByTheNextStart() throws Exception {
        Path dir = BASE.resolve("orphans");
        Started first = startChild(dir);
        long postmaster =
                Orphans.firstLineNumber(dir.resolve("postgres/postmaster.pid")).orElseThrow();
        long redisPid = Orphans.firstLineNumber(dir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE))
                .orElseThrow();
        writeSomething(dir, first);

        // The watchdog dies first (as after a kill -9 of the whole process group, or with an older version) ...
        ProcessHandle watchdog = ProcessHandle.of(first.watchdogPid()).orElseThrow();
        watchdog.destroyForcibly();
        assertThat(awaitGone(watchdog.pid())).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(DEADLINE_S, TimeUnit.SECONDS)).isTrue();
        // ... so both databases run on as orphans, and the old PostgreSQL holds its pid file.
        assertThat(ProcessHandle.of(postmaster).map(Orphans::running))
                .as("orphaned PostgreSQL")
                .contains(true);
        assertThat(ProcessHandle.of(redisPid).map(Orphans::running))
                .as("orphaned Redis")
                .contains(true);

        try (EmbeddedServers again = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0))) {
            assertThat(again.notes())
                    .anySatisfy(n -> assertThat(n).startsWith("Stopped a PostgreSQL (pid " + postmaster + ")"))
                    .anySatisfy(n -> assertThat(n).startsWith("Stopped a Redis (pid " + redisPid + ")"));
            assertThat(ProcessHandle.of(postmaster).map(Orphans::running)).isNotEqualTo(Optional.of(true));
            assertThat(ProcessHandle.of(redisPid).map(Orphans::running)).isNotEqualTo(Optional.of(true));
            assertSomethingIsThere(again);
        }
        assertThat(Orphans.workingIn(dir.resolve("postgres"), "postgres"))
                .as("nothing left after a clean stop")
                .isEmpty();
    }

    @Test
    void pidFilesNamingAnotherProcess_areRemoved_andThatProcessIsLeftAlone() throws Exception {
        Path dir = BASE.resolve("stale");
        EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0)).close();
        // After a power cut the PIDs in the pid files belong to whatever runs now.
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            Files.writeString(
                    dir.resolve("postgres/postmaster.pid"), stranger.pid() + "\n" + dir.resolve("postgres") + "\n");
            Files.writeString(dir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE), stranger.pid() + "\n");
            try (EmbeddedServers again = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0));
                    Connection c = DriverManager.getConnection(
                            again.jdbcUrl(), EmbeddedServers.USER, again.postgresPassword())) {
                assertThat(c.isValid(10)).isTrue();
                assertThat(again.notes())
                        .anySatisfy(n -> assertThat(n)
                                .contains("postmaster.pid")
                                .contains("stale")
                                .contains("pid " + stranger.pid() + " is another process now"));
                assertThat(again.notes())
                        .anySatisfy(n -> assertThat(n)
                                .contains(EmbeddedServers.REDIS_PID_FILE)
                                .contains("stale"));
                assertThat(stranger.isAlive())
                        .as("a process that is not ours is never signalled")
                        .isTrue();
            }
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aPostgresThatCannotStart_namesTheCauseFromItsLog_andLeavesNothingBehind() throws Exception {
        Path dir = BASE.resolve("broken");
        EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0)).close();
        Path conf = dir.resolve("postgres/postgresql.conf");
        String good = Files.readString(conf);
        Files.writeString(conf, "no_such_setting = 1\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("The embedded PostgreSQL did not start")
                .hasMessageContaining("Last lines of [" + dir.resolve("log/postgres.log") + "]")
                .hasMessageContaining("unrecognized configuration parameter \"no_such_setting\"");
        assertThat(Orphans.workingIn(dir.resolve("postgres"), "postgres")).isEmpty();
        assertThat(Orphans.workingIn(dir.resolve("redis"), "redis-server")).isEmpty();

        Files.writeString(conf, good);
        try (EmbeddedServers again = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0));
                Connection c =
                        DriverManager.getConnection(again.jdbcUrl(), EmbeddedServers.USER, again.postgresPassword())) {
            assertThat(c.isValid(10))
                    .as("the failed start released the data directory")
                    .isTrue();
        }
    }

    private record Started(int postgresPort, int redisPort, long watchdogPid) {}

    /** Starts {@link EmbeddedServersChild} on {@code dir} and waits for its UP line. */
    private Started startChild(Path dir) throws Exception {
        Files.createDirectories(BASE);
        Path log = BASE.resolve(dir.getFileName() + "-child.log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedServersChild.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Optional<String> up = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("UP "))
                    .findFirst();
            if (up.isPresent()) {
                String[] f = up.get().split(" ");
                return new Started(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The child server did not come up: " + Files.readString(log));
    }

    private static void writeSomething(Path dir, Started s) throws Exception {
        String password = Files.readString(dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE))
                .trim();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + s.postgresPort() + "/" + EmbeddedServers.DATABASE,
                        EmbeddedServers.USER,
                        password);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('committed before the crash')");
        }
        String redisPassword = Files.readString(dir.resolve(EmbeddedServers.REDIS_PASSWORD_FILE))
                .trim();
        assertThat(redis(s.redisPort(), redisPassword, "SET kept before-the-crash"))
                .isEqualTo("+OK\r\n+OK\r\n");
    }

    private static void assertSomethingIsThere(EmbeddedServers servers) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the crash");
        }
        assertThat(redis(servers.redisPort(), servers.redisPassword(), "GET kept"))
                .contains("before-the-crash");
    }

    /** Waits (up to the deadline) until {@code file} has a line containing {@code text}; true if it has. */
    private static boolean awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits (up to the deadline) until process {@code pid} is gone; true if it is. */
    private static boolean awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !Orphans.running(p)).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
