package org.hausmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as an operator runs it, killed with SIGKILL (as by a power cut of the JVM alone, or the
 * OOM killer), starts again on the same data directory and is UP: first with its watchdog alive (it stops the
 * databases the dead server left), then with the watchdog and Redis killed too, so that the old PostgreSQL is still
 * running when the next server starts (the start stops it). Waits for conditions with deadlines of minutes.
 */
class CrashRestartIT {

    private static final long DEADLINE_S = 240;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void serverKilledWithSigkill_isUpAgainOnTheSameData() throws Exception {
        Path base = Path.of("target", "it-crash-restart").toAbsolutePath();
        EmbeddedServersResource.deleteRecursively(base);
        Files.createDirectories(base);
        Path data = base.resolve("data");
        Path jar = Path.of(System.getProperty("hausmeter.it.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).exists();

        Server first = Server.start(jar, data, base.resolve("run1.log"));
        try {
            awaitUp(first);
            long postmaster = postmasterPid(data);
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.process.waitFor(DEADLINE_S, TimeUnit.SECONDS)).isTrue();

            Server second = Server.start(jar, data, base.resolve("run2.log"));
            try {
                awaitUp(second);
                assertThat(alive(postmaster))
                        .as("the first server's PostgreSQL is gone")
                        .isFalse();
                long postmaster2 = postmasterPid(data);
                // Now the watchdog and Redis die with the server: PostgreSQL is left running on the data directory.
                List<ProcessHandle> children =
                        second.process.toHandle().descendants().toList();
                children.forEach(ProcessHandle::destroyForcibly);
                second.process.destroyForcibly();
                assertThat(second.process.waitFor(DEADLINE_S, TimeUnit.SECONDS)).isTrue();
                assertThat(alive(postmaster2))
                        .as("an orphaned PostgreSQL for the next start to find")
                        .isTrue();

                Server third = Server.start(jar, data, base.resolve("run3.log"));
                try {
                    awaitUp(third);
                    assertThat(alive(postmaster2))
                            .as("the orphaned PostgreSQL was stopped")
                            .isFalse();
                    assertThat(Files.readString(third.log))
                            .contains("Stopped a PostgreSQL (pid " + postmaster2 + ")")
                            .doesNotContain("Gave up waiting");
                } finally {
                    third.stop();
                }
                assertThat(third.process.exitValue())
                        .as("a clean stop: " + third.log)
                        .isIn(0, 143);
                assertThat(Files.exists(data.resolve("postgres/postmaster.pid")))
                        .as("PostgreSQL stopped with the server")
                        .isFalse();
            } finally {
                second.stop();
            }
        } finally {
            first.stop();
        }
    }

    private record Server(Process process, Path log, int port) {
        static Server start(Path jar, Path data, Path log) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("HAUSMETER_DATA_DIR", data.toString());
            pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
            pb.environment().remove("HAUSMETER_DB_URL");
            pb.environment().remove("HAUSMETER_REDIS_URL");
            return new Server(pb.start(), log, port);
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private void awaitUp(Server server) throws Exception {
        URI health = URI.create("http://127.0.0.1:" + server.port() + "/q/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline && server.process().isAlive()) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Server not UP (alive: " + server.process().isAlive() + "):\n"
                + Files.readString(server.log(), StandardCharsets.UTF_8));
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
    }

    /** Running, not a zombie that its new parent has not reaped yet. */
    private static boolean alive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
