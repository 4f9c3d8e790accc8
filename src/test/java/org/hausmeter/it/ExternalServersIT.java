package org.hausmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hausmeter.platform.EmbeddedServers;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.Test;

/**
 * The packaged server pointed at an operator's PostgreSQL and Redis (HAUSMETER_DB_URL and
 * HAUSMETER_REDIS_URL) uses them and starts nothing embedded: no data directory appears.
 */
class ExternalServersIT {

    @Test
    void configuredServers_areUsed_andNothingIsEmbedded() throws Exception {
        Path base = Path.of("target", "it-external").toAbsolutePath();
        EmbeddedServersResource.deleteRecursively(base);
        Path appData = base.resolve("app-data");
        Path jar = Path.of(System.getProperty("hausmeter.it.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).exists();
        try (EmbeddedServers external =
                EmbeddedServers.start(new EmbeddedServers.Settings(base.resolve("operator"), 0, 0))) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = base.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("HAUSMETER_DB_URL", external.jdbcUrl());
            pb.environment().put("HAUSMETER_DB_USER", EmbeddedServers.USER);
            pb.environment().put("HAUSMETER_DB_PASSWORD", external.postgresPassword());
            pb.environment().put("HAUSMETER_REDIS_URL", external.redisUrlWithPassword());
            pb.environment().put("HAUSMETER_DATA_DIR", appData.toString());
            pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
            Process app = pb.start();
            try {
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(1))
                        .build();
                String health = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline && app.isAlive()) {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            health = r.body();
                            break;
                        }
                    } catch (java.io.IOException notYet) {
                        // not listening yet
                    }
                    Thread.sleep(200);
                }
                assertThat(health)
                        .as(Files.exists(log) ? Files.readString(log) : "no log")
                        .isNotNull();
                assertThat(health).contains("\"embedded\": false");
                assertThat(appData).as("no embedded server was started").doesNotExist();
                assertThat(Files.readString(log)).contains("(configured, nothing embedded)");
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
