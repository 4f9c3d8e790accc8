package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded servers themselves: data survives a restart, a second server on the same data is refused. */
class EmbeddedServersTest {

    private static final Path DIR = Path.of("target", "test-data", "embedded-servers-test").toAbsolutePath();

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
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), EmbeddedServers.USER, "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('written in run 1')");
            }
            assertThat(redis(redisPort, "SET kept written-in-run-1")).startsWith("+OK");
        }
        assertThat(portOpen(pgPort)).as("PostgreSQL stopped").isFalse();
        assertThat(portOpen(redisPort)).as("Redis stopped").isFalse();

        try (EmbeddedServers second = EmbeddedServers.start(new EmbeddedServers.Settings(DIR, 0, 0))) {
            assertThat(second.createdCluster()).isFalse();
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), EmbeddedServers.USER, "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written in run 1");
            }
            assertThat(redis(second.redisPort(), "GET kept")).contains("written-in-run-1");
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
            ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    HausmeterMain.class.getName())
                    .redirectErrorStream(true);
            pb.environment().put("HAUSMETER_DATA_DIR", dir.toString());
            pb.environment().remove("HAUSMETER_DB_URL");
            pb.environment().remove("HAUSMETER_REDIS_URL");
            Process second = pb.start();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("Hausmeter cannot start: Data directory [" + dir + "] is in use by another Hausmeter"
                    + " server (pid " + ProcessHandle.current().pid() + ")");
            // The running server is untouched.
            try (Connection c = DriverManager.getConnection(running.jdbcUrl(), EmbeddedServers.USER, "");
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
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

    /** One inline Redis command over a raw socket; returns the first reply line(s). */
    private static String redis(int port, String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[256];
            int n = s.getInputStream().read(buf);
            String reply = new String(buf, 0, n, StandardCharsets.UTF_8);
            if (reply.startsWith("$") && !reply.startsWith("$-1")) {
                while (reply.split("\r\n").length < 2) {
                    n = s.getInputStream().read(buf);
                    reply += new String(buf, 0, n, StandardCharsets.UTF_8);
                }
            }
            return reply;
        }
    }
}
