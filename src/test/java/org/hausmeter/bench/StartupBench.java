package org.hausmeter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.support.EmbeddedServersResource;

/**
 * Start-up time and memory of the server as the README runs it (embedded PostgreSQL and Redis, a
 * fresh data directory, then a restart on the same data). Writes target/bench/startup.json.
 * <ul>
 * <li>{@code embedded_db_start_s}: the embedded PostgreSQL's own start on a new data directory
 * (initdb included), as the server measured it ({@code hausmeter_embedded_start_seconds});</li>
 * <li>{@code app_start_s}: JVM process start to /q/health UP, minus the embedded servers' own start;</li>
 * <li>{@code rss_mb_after_start}, {@code rss_mb_after_gc}: resident set of the server's JVM right after
 * UP, and after a full GC ({@code jcmd GC.run});</li>
 * <li>{@code db_rss_mb}: proportional set size (PSS, shared memory counted once) summed over the
 * PostgreSQL processes; {@code redis_rss_mb}: resident set of redis-server.</li>
 * </ul>
 * Smoke mode ({@code -Dbench.smoke=true}) measures the same two starts (each is its own scenario, nothing is
 * repeated) and adds {@code "smoke": true}.
 */
final class StartupBench {

    private final Path jar;
    private final Path out;
    private final boolean smoke;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    StartupBench(Path jar, Path out, boolean smoke) {
        this.jar = jar;
        this.out = out;
        this.smoke = smoke;
    }

    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged server at [" + jar + "]: run mvn -Pbench verify");
        }
        Path data = out.resolve("startup-data");
        EmbeddedServersResource.deleteRecursively(data);
        Files.createDirectories(out);

        Map<String, Object> json = new LinkedHashMap<>();
        Run first = start(data, out.resolve("startup-run1.log"));
        json.put("embedded_db_start_s", round(first.postgresStartS));
        json.put("embedded_redis_start_s", round(first.redisStartS));
        json.put("app_start_s", round(first.upS - first.postgresStartS - first.redisStartS));
        json.put("time_to_health_up_s", round(first.upS));
        json.put("rss_mb_after_start", round(first.rssAfterStartMb));
        json.put("rss_mb_after_gc", round(first.rssAfterGcMb));
        json.put("db_rss_mb", round(first.dbPssMb));
        json.put("redis_rss_mb", round(first.redisRssMb));
        json.put("shutdown_s", round(first.shutdownS));
        json.put("clean_shutdown", first.cleanShutdown);

        Run second = start(data, out.resolve("startup-run2.log"));
        json.put("embedded_db_restart_s", round(second.postgresStartS));
        json.put("app_restart_s", round(second.upS - second.postgresStartS - second.redisStartS));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        if (smoke) {
            json.put("smoke", true);
        }

        Path file = out.resolve("startup.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("Wrote " + file + "\n" + Files.readString(file));
    }

    private static final class Run {
        double upS;
        double postgresStartS;
        double redisStartS;
        double rssAfterStartMb;
        double rssAfterGcMb;
        double dbPssMb;
        double redisRssMb;
        double shutdownS;
        boolean cleanShutdown;
    }

    private Run start(Path data, Path log) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HAUSMETER_DATA_DIR", data.toString());
        pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
        pb.environment().remove("HAUSMETER_DB_URL");
        pb.environment().remove("HAUSMETER_REDIS_URL");
        // /q/metrics needs a caretaker or an operator network; the fresh server has no caretaker yet.
        pb.environment().put("HAUSMETER_OPERATOR_NETWORKS", "127.0.0.1");
        Run run = new Run();
        long t0 = System.nanoTime();
        Process app = pb.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/q/health");
            while (true) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("Server exited with " + app.exitValue() + ", see " + log);
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("Server not UP within 120 s, see " + log);
                }
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(health)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            run.upS = (System.nanoTime() - t0) / 1e9;
            run.rssAfterStartMb = rssKb(app.pid(), "VmRSS") / 1024.0;
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            run.postgresStartS = gauge(metrics, "postgres");
            run.redisStartS = gauge(metrics, "redis");
            Process gc = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(app.pid()),
                            "GC.run")
                    .redirectErrorStream(true)
                    .start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
            run.rssAfterGcMb = rssKb(app.pid(), "VmRSS") / 1024.0;
            List<ProcessHandle> postgres =
                    processesWith(data.resolve("postgres").toString());
            run.dbPssMb = postgres.stream().mapToLong(p -> pssKb(p.pid())).sum() / 1024.0;
            run.redisRssMb = app.toHandle()
                            .descendants()
                            .filter(p -> p.info().command().orElse("").contains("redis-server"))
                            .mapToLong(p -> rssKb(p.pid(), "VmRSS"))
                            .sum()
                    / 1024.0;

            long s0 = System.nanoTime();
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
            run.shutdownS = (System.nanoTime() - s0) / 1e9;
            Thread.sleep(500);
            run.cleanShutdown =
                    processesWith(data.resolve("postgres").toString()).isEmpty()
                            && app.exitValue() == 0 | app.exitValue() == 143;
            return run;
        } finally {
            if (app.isAlive()) {
                app.destroyForcibly();
            }
        }
    }

    private static double gauge(String metrics, String server) {
        Matcher m = Pattern.compile("hausmeter_embedded_start_seconds\\{server=\"" + server + "\"}\\s+([0-9.Ee+-]+)")
                .matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("No hausmeter_embedded_start_seconds for [" + server + "] in /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static List<ProcessHandle> processesWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> cmdline(p.pid()).contains(text))
                .toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long rssKb(long pid, String field) {
        return procField(Path.of("/proc", Long.toString(pid), "status"), field);
    }

    private static long pssKb(long pid) {
        return procField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss");
    }

    private static long procField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
