package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers themselves: data survives a restart, a second server on the same data is refused, both
 * servers ask for their generated passwords on loopback only, and the data directory is the owner's alone.
 * (Crashes and orphans: {@link CrashRestartTest}.)
 */
class EmbeddedServersTest {

    private static final Path DIR =
            Path.of("target", "test-data", "embedded-servers-test").toAbsolutePath();

    @BeforeAll
    static void clean() throws IOException {
        EmbeddedServersResource.deleteRecursively(DIR);
    }

    @Test
    void dataWrittenInOneRun_isThereInTheNext_andStopReleasesEverything() throws Exception {
        int pgPort;
        int redisPort;
        try (EmbeddedServers first = EmbeddedServers.start(new EmbeddedServers.Settings(DIR, 0, 0))) {
            assertThat(first.createdCluster()).isTrue();
            pgPort = first.postgresPort();
            redisPort = first.redisPort();
            try (Connection c = DriverManager.getConnection(
                            first.jdbcUrl(), EmbeddedServers.USER, first.postgresPassword());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('written in run 1')");
            }
            assertThat(redis(redisPort, first.redisPassword(), "SET kept written-in-run-1"))
                    .isEqualTo("+OK\r\n+OK\r\n");
        }
        assertThat(portOpen(pgPort)).as("PostgreSQL stopped").isFalse();
        assertThat(portOpen(redisPort)).as("Redis stopped").isFalse();

        try (EmbeddedServers second = EmbeddedServers.start(new EmbeddedServers.Settings(DIR, 0, 0))) {
            assertThat(second.createdCluster()).isFalse();
            try (Connection c = DriverManager.getConnection(
                            second.jdbcUrl(), EmbeddedServers.USER, second.postgresPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written in run 1");
            }
            assertThat(redis(second.redisPort(), second.redisPassword(), "GET kept"))
                    .contains("written-in-run-1");
        }
    }

    @Test
    void secondServerOnTheSameDataDirectory_isRefusedWithAClearMessage() throws Exception {
        Path dir = DIR.resolveSibling("embedded-servers-lock-test");
        EmbeddedServersResource.deleteRecursively(dir);
        try (EmbeddedServers running = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0))) {
            // In this JVM ...
            assertThatThrownBy(() -> EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0)))
                    .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("in use by another Hausmeter server");
            // ... and as a real second server process started the way an operator would.
            ProcessBuilder pb = new ProcessBuilder(
                            javaBinary(), "-cp", System.getProperty("java.class.path"), HausmeterMain.class.getName())
                    .redirectErrorStream(true);
            pb.environment().put("HAUSMETER_DATA_DIR", dir.toString());
            pb.environment().remove("HAUSMETER_DB_URL");
            pb.environment().remove("HAUSMETER_REDIS_URL");
            Process second = pb.start();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as(out).isEqualTo(2);
            assertThat(out)
                    .contains("Hausmeter cannot start: Data directory [" + dir + "] is in use by another Hausmeter"
                            + " server (pid " + ProcessHandle.current().pid() + ")");
            // The running server is untouched.
            try (Connection c = DriverManager.getConnection(
                            running.jdbcUrl(), EmbeddedServers.USER, running.postgresPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void bothServersAskForTheirPasswords_onLoopbackOnly_andTheFilesAreTheOwnersAlone() throws Exception {
        Path dir = DIR.resolveSibling("embedded-servers-hardening-test");
        EmbeddedServersResource.deleteRecursively(dir);
        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0))) {
            String password = servers.postgresPassword();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            assertThat(Files.readString(dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE))
                            .trim())
                    .isEqualTo(password);
            assertThatThrownBy(() -> DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, ""))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() ->
                            DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, "wrong-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, password);
                    Statement st = c.createStatement()) {
                assertThat(show(st, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(show(st, "unix_socket_directories"))
                        .as("no Unix socket")
                        .isEmpty();
                assertThat(show(st, "password_encryption")).isEqualTo("scram-sha-256");
            }
            assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#]*trust");
            Map<String, String> config = servers.quarkusConfig();
            assertThat(config)
                    .containsEntry("quarkus.datasource.password", password)
                    .containsEntry("quarkus.datasource.jdbc.url", servers.jdbcUrl())
                    .containsEntry("quarkus.redis.password", servers.redisPassword())
                    .containsEntry("quarkus.redis.hosts", "redis://127.0.0.1:" + servers.redisPort());

            assertThat(servers.redisPassword()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(password);
            assertThat(redis(servers.redisPort(), null, "PING")).startsWith("-NOAUTH");
            assertThat(redis(servers.redisPort(), servers.redisPassword(), "PING"))
                    .isEqualTo("+OK\r\n+PONG\r\n");
            assertThat(redis(servers.redisPort(), servers.redisPassword(), "CONFIG GET bind"))
                    .contains("127.0.0.1")
                    .doesNotContain("0.0.0.0");

            assertThat(permissions(dir)).isEqualTo("rwx------");
            for (String sub : List.of("runtime", "log", "redis", "postgres")) {
                assertThat(permissions(dir.resolve(sub))).as(sub).isEqualTo("rwx------");
            }
            for (String secret : List.of(
                    EmbeddedServers.POSTGRES_PASSWORD_FILE, EmbeddedServers.REDIS_PASSWORD_FILE, "redis/redis.conf")) {
                assertThat(permissions(dir.resolve(secret))).as(secret).isEqualTo("rw-------");
            }
            assertThat(writableByGroupOrOthers(dir.resolve("runtime"))).isEmpty();
            assertThat(servers.notes())
                    .as("nothing to fix in a new data directory")
                    .isEmpty();
        }

        // Loosened later (an unpacker, a careless chmod): the next start puts it right and says so.
        // (A file of the test's own: zonky unpacks PostgreSQL once per JVM, into the first data directory's runtime/.)
        Path postgresBinary = Files.writeString(dir.resolve("runtime").resolve("planted-binary"), "#!/bin/sh\n");
        chmod(dir, "rwxr-xr-x");
        chmod(dir.resolve("runtime"), "rwxrwxrwx");
        chmod(postgresBinary, "rwxrwxrwx");
        chmod(dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE), "rw-r--r--");
        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0))) {
            assertThat(String.join("\n", servers.notes()))
                    .contains("[" + dir + "] was rwxr-xr-x, now rwx------")
                    .contains("[" + dir.resolve("runtime") + "] was rwxrwxrwx, now rwx------")
                    .contains("[" + postgresBinary + "] was rwxrwxrwx")
                    .contains("[" + dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE)
                            + "] was rw-r--r--, now rw-------");
            assertThat(servers.quarkusConfig().get("hausmeter.embedded.notes")).contains("was rwxrwxrwx");
            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(permissions(postgresBinary)).isEqualTo("rwxr-xr-x");
            assertThat(permissions(dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE)))
                    .isEqualTo("rw-------");
            assertThat(writableByGroupOrOthers(dir.resolve("runtime"))).isEmpty();
        }

        // The password file lost: said at once, with the way out, instead of a minute of refused log-ins.
        Path passwordFile = dir.resolve(EmbeddedServers.POSTGRES_PASSWORD_FILE);
        Path saved = dir.resolveSibling("postgres.password.saved");
        Files.move(passwordFile, saved);
        assertThatThrownBy(() -> EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[" + passwordFile + "] is missing")
                .hasMessageContaining("pg_hba.conf");
        assertThat(passwordFile).doesNotExist();
        Files.move(saved, passwordFile);
        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0));
                Connection c = DriverManager.getConnection(
                        servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
            assertThat(c.isValid(10)).isTrue();
        }
    }

    @Test
    void aClusterThatTrustedLoopback_getsAPasswordAtTheNextStart() throws Exception {
        Path dir = DIR.resolveSibling("embedded-servers-trust-test");
        EmbeddedServersResource.deleteRecursively(dir);
        // A cluster as earlier versions made it: zonky's initdb -A trust, no password for the superuser.
        Files.createDirectories(dir.resolve("runtime"));
        EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dir.resolve("runtime").toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(120))
                .start()
                .close();
        assertThat(PostgresCluster.trusts(dir.resolve("postgres").resolve("pg_hba.conf")))
                .isTrue();

        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0, true, false))) {
            assertThat(servers.notes())
                    .anySatisfy(n -> assertThat(n)
                            .contains("without a password")
                            .contains(EmbeddedServers.POSTGRES_PASSWORD_FILE));
            assertThatThrownBy(() -> DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, ""))
                    .isInstanceOf(SQLException.class);
            try (Connection c =
                    DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                assertThat(c.isValid(10)).isTrue();
            }
        }
        assertThat(PostgresCluster.trusts(dir.resolve("postgres").resolve("pg_hba.conf")))
                .isFalse();
        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(dir, 0, 0, true, false));
                Connection c = DriverManager.getConnection(
                        servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
            assertThat(servers.notes()).isEmpty();
            assertThat(c.isValid(10)).isTrue();
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static void chmod(Path p, String permissions) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
    }

    private static List<Path> writableByGroupOrOthers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> {
                        try {
                            String perms = permissions(p);
                            return perms.charAt(4) == 'w' || perms.charAt(7) == 'w';
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One inline Redis command over a raw socket, after AUTH when {@code password} is not null; returns all the
     * replies (QUIT's last), e.g. {@code "+OK\r\n$3\r\nabc\r\n+OK\r\n"}.
     */
    static String redis(int port, String password, String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            String commands = (password == null ? "" : "AUTH " + password + "\r\n") + command + "\r\nQUIT\r\n";
            s.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
            String replies = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return replies.endsWith("+OK\r\n") ? replies.substring(0, replies.length() - 5) : replies;
        }
    }
}
