package org.hausmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark command in smoke mode ({@code Bench} with {@code bench.smoke}: tiny sizes, seconds per benchmark)
 * against the packaged server, so that a change that breaks a benchmark fails the suite instead of the next
 * benchmark run. Each benchmark writes its JSON file into target/bench-smoke/; the test checks that the file is
 * there with exactly the documented keys (docs/benchmarks.md, read by the dashboard) plus {@code "smoke": true},
 * the figures as numbers. It asserts nothing about speed: the figures of a smoke run mean nothing.
 * <p>
 * The web benchmark needs Debian's wrk and the ledger benchmark Debian's psql (postgresql-client): without them
 * that part is skipped with a message, and fails when the environment variable {@code CI} is {@code true}
 * (.ci/run installs both).
 */
class BenchSmokeIT {

    private static final Path OUT = Path.of("target", "bench-smoke").toAbsolutePath();
    private static final Path JAR = Path.of(
                    System.getProperty("hausmeter.it.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();

    @BeforeAll
    static void clean() throws Exception {
        EmbeddedServersResource.deleteRecursively(OUT);
    }

    @Test
    void bus() throws Exception {
        run("bus");
        JsonNode json = read(
                "bus.json",
                List.of(
                        "meters",
                        "buses",
                        "baud",
                        "turnaround_ms",
                        "cycle_s",
                        "wire_limit_s",
                        "cycle_ratio",
                        "answered",
                        "live_read_s",
                        "live_interval_s",
                        "live_utilisation"),
                List.of("framing", "cycle_s_runs"));
        assertThat(json.get("cycle_s_runs").isArray())
                .as("cycle_s_runs is an array")
                .isTrue();
        assertThat(json.get("cycle_s_runs"))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.isNumber()).isTrue());
        assertThat(json.get("framing").asText()).isEqualTo("8E1");
    }

    @Test
    void ledger() throws Exception {
        peer(
                Path.of("/usr/bin/psql"),
                "the ledger benchmark compares with psql's \\copy: apt-get install postgresql-client");
        run("ledger");
        read(
                "ledger.json",
                List.of(
                        "rows",
                        "ingest_s",
                        "ingest_rows_per_s",
                        "psql_copy_s",
                        "psql_copy_rows_per_s",
                        "ingest_ratio",
                        "bytes_per_reading",
                        "derive_db_rows",
                        "derive_db_rows_per_s",
                        "derive_year_200_meters_s",
                        "csv_values",
                        "csv_import_s",
                        "csv_import_values_per_s"),
                List.of());
    }

    @Test
    void scenario() throws Exception {
        run("scenario");
        read(
                "scenario.json",
                List.of(
                        "apartments",
                        "quarter_hour_values",
                        "scenario_year_s",
                        "scenario_year_cpu_s",
                        "load_average_before",
                        "scenarios_compared",
                        "compare_s",
                        "peak_heap_mb",
                        "max_heap_mb",
                        "processors"),
                List.of());
    }

    @Test
    void billing() throws Exception {
        run("billing");
        read(
                "billing.json",
                List.of(
                        "apartments",
                        "interval_rows",
                        "month_run_s",
                        "bills_per_month",
                        "ev_sessions_per_month",
                        "year_run_s",
                        "rerun_unchanged_s",
                        "issued",
                        "issue_month_s",
                        "pdf_bills_per_s",
                        "pdf_kb_avg",
                        "cores"),
                List.of());
    }

    @Test
    void web() throws Exception {
        peer(Path.of("/usr/bin/wrk"), "the web benchmark's load generator is wrk: apt-get install wrk");
        run("web");
        List<String> numbers = new ArrayList<>(List.of(
                "apartments",
                "interval_rows",
                "dashboard_first_s",
                "dashboard_bytes",
                "dashboard_new_view_p50_ms",
                "dashboard_new_view_p90_ms",
                "connections",
                "seconds",
                "cores"));
        for (String target : List.of("dashboard", "kiosk", "static")) {
            for (String figure : List.of("_p50_ms", "_p99_ms", "_rps", "_requests", "_max_ms")) {
                numbers.add(target + figure);
            }
        }
        read("web.json", numbers, List.of("data_from", "load_average_before", "load_average_after", "load_generator"));
    }

    @Test
    void startup() throws Exception {
        run("startup");
        JsonNode json = read(
                "startup.json",
                List.of(
                        "embedded_db_start_s",
                        "embedded_redis_start_s",
                        "app_start_s",
                        "time_to_health_up_s",
                        "rss_mb_after_start",
                        "rss_mb_after_gc",
                        "db_rss_mb",
                        "redis_rss_mb",
                        "shutdown_s",
                        "embedded_db_restart_s",
                        "app_restart_s",
                        "cores"),
                List.of("clean_shutdown", "java"));
        assertThat(json.get("clean_shutdown").isBoolean())
                .as("clean_shutdown is a boolean")
                .isTrue();
    }

    @Test
    void ocpp() throws Exception {
        run("ocpp");
        read(
                "ocpp.json",
                List.of(
                        "charge_points",
                        "seconds",
                        "calls",
                        "messages_per_s",
                        "call_p50_ms",
                        "call_p99_ms",
                        "server_rss_mb",
                        "errors",
                        "cores"),
                List.of());
    }

    private static void run(String benchmark) throws Exception {
        assertThat(JAR)
                .as("the packaged server (mvn verify packages it before the integration tests)")
                .exists();
        long t0 = System.nanoTime();
        Bench.run(JAR, OUT, Bench.selection(List.of(benchmark)), true);
        System.out.printf("bench smoke %s: %.1f s%n", benchmark, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Reads {@code file} and checks its keys: exactly {@code numbers} (each a number), {@code others} (present) and
     * {@code "smoke": true}.
     */
    private static JsonNode read(String file, List<String> numbers, List<String> others) throws Exception {
        Path path = OUT.resolve(file);
        assertThat(path).as(file + " written").isRegularFile();
        JsonNode json = new ObjectMapper().readTree(path.toFile());
        Set<String> expected = new LinkedHashSet<>(numbers);
        expected.addAll(others);
        expected.add("smoke");
        Set<String> actual = new LinkedHashSet<>();
        json.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as(file + " keys (docs/benchmarks.md)").containsExactlyInAnyOrderElementsOf(expected);
        for (String key : numbers) {
            assertThat(json.get(key).isNumber())
                    .as(file + " " + key + " is a number: " + json.get(key))
                    .isTrue();
        }
        assertThat(json.get("smoke").asBoolean()).as(file + " smoke").isTrue();
        return json;
    }

    /** Without the Debian peer {@code binary}, skips the test with the reason, or fails on CI (CI=true). */
    private static void peer(Path binary, String reason) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String message = "No " + binary + ": " + reason;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " CI=true, so this is a failure, not a skip.");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
