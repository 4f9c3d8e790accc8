package org.hausmeter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.platform.EmbeddedServers;
import org.hausmeter.support.EmbeddedServersResource;

/**
 * Page latency under load (web.json): the synthetic building of {@link BillingBench#populate} with
 * {@value #APARTMENTS} apartments and a year of quarter hours up to now, the packaged server started against
 * it, and Debian's {@code wrk} (a load generator that is not the server's code, in its own process) driving
 * {@value #CONNECTIONS} connections for {@value #SECONDS} s each against, one after the other in the same run:
 * a resident's dashboard {@code /me} (logged in through the form, session cookie), the kiosk page
 * {@code /kiosk}, and a static file ({@code /css/hausmeter.css}). Each target is warmed up first.
 * <p>
 * In smoke mode ({@code -Dbench.smoke=true}): {@value #SMOKE_APARTMENTS} apartments with data of the last seven
 * days, {@value #SMOKE_CONNECTIONS} connections for {@value #SMOKE_SECONDS} s per target without warm-up, 6 new
 * views (3 measured); the same keys plus {@code "smoke": true}.
 */
final class WebBench {

    static final int APARTMENTS = 60;
    static final int CONNECTIONS = 50;
    static final int SECONDS = 30;
    static final int WARM_UP_SECONDS = 15;
    static final int NEW_VIEWS = 120;
    static final int SMOKE_APARTMENTS = 20;
    static final int SMOKE_CONNECTIONS = 2;
    static final int SMOKE_SECONDS = 2;
    static final String RESIDENT = "r20";
    static final String PASSWORD = "bench-resident-password";

    private final Path jar;
    private final Path out;
    private final boolean smoke;
    /** Apartments (at least 20: the resident is r20 of B-20). */
    private final int apartments;

    private final int connections;
    private final int seconds;
    /** wrk warm-up per target before the measurement; 0 skips it. */
    private final int warmUpSeconds;
    /** Day views not built yet, one at a time: the first half for the JIT, the second half measured. */
    private final int newViews;

    WebBench(Path jar, Path out, boolean smoke) {
        this.jar = jar;
        this.out = out;
        this.smoke = smoke;
        this.apartments = smoke ? SMOKE_APARTMENTS : APARTMENTS;
        this.connections = smoke ? SMOKE_CONNECTIONS : CONNECTIONS;
        this.seconds = smoke ? SMOKE_SECONDS : SECONDS;
        this.warmUpSeconds = smoke ? 0 : WARM_UP_SECONDS;
        this.newViews = smoke ? 6 : NEW_VIEWS;
    }

    void run() throws Exception {
        Path wrk = Path.of("/usr/bin/wrk");
        if (!Files.isExecutable(wrk)) {
            throw new IllegalStateException("The web benchmark needs wrk as its load generator: apt-get install wrk");
        }
        Path data = out.resolve("web-data");
        EmbeddedServersResource.deleteRecursively(data);
        Files.createDirectories(data);
        Path script = data.resolve("latency.lua");
        try (InputStream in = WebBench.class.getResourceAsStream("/bench/latency.lua")) {
            Files.copy(in, script);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        try (EmbeddedServers servers =
                EmbeddedServers.start(new EmbeddedServers.Settings(data.resolve("servers"), 0, 0, true, true))) {
            Flyway.configure()
                    .dataSource(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            Instant end = Instant.ofEpochSecond(now.getEpochSecond() / 900 * 900);
            // A year from the first day of its month; smoke: the last seven days (the 6 new views below have data).
            LocalDate today = LocalDate.ofInstant(now, BillingBench.BERLIN);
            LocalDate first = smoke
                    ? today.minusDays(7)
                    : YearMonth.from(today).minusMonths(12).atDay(1);
            long rows;
            try (Connection c =
                    DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                rows = BillingBench.populate(c, apartments, first, end);
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE account SET password_hash = ? WHERE username = ?")) {
                    ps.setString(1, PasswordHasher.hash(PASSWORD));
                    ps.setString(2, RESIDENT);
                    ps.executeUpdate();
                }
                c.commit();
            }
            System.out.printf("web bench: %,d interval rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            json.put("apartments", apartments);
            json.put("interval_rows", rows);
            json.put("data_from", first.toString());
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = out.resolve("web-server.log");
            // -Dbench.server.jvm="-XX:StartFlightRecording=..." passes options to the server's JVM (profiling).
            List<String> server = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            String jvm = System.getProperty("bench.server.jvm", "").trim();
            if (!jvm.isEmpty()) {
                server.addAll(List.of(jvm.split("\\s+")));
            }
            server.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb =
                    new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("HAUSMETER_DATA_DIR", data.resolve("app").toString());
            pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
            pb.environment().put("HAUSMETER_DB_URL", servers.jdbcUrl());
            pb.environment().put("HAUSMETER_DB_USER", EmbeddedServers.USER);
            pb.environment().put("HAUSMETER_DB_PASSWORD", servers.postgresPassword());
            pb.environment().put("HAUSMETER_REDIS_URL", servers.redisUrlWithPassword());
            Process app = pb.start();
            try {
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                String base = "http://127.0.0.1:" + port;
                BillingBench.waitUp(http, base, app, 180);
                String cookie = login(http, base);
                // The first dashboard computes the year's months (the server also does so in the background after
                // start).
                long c0 = System.nanoTime();
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/me"))
                                .header("Cookie", cookie)
                                .timeout(Duration.ofMinutes(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200 || !page.body().contains("B-20")) {
                    throw new IllegalStateException(
                            "The dashboard answered " + page.statusCode() + " without the apartment");
                }
                json.put("dashboard_first_s", BillingBench.round((System.nanoTime() - c0) / 1e9));
                json.put("dashboard_bytes", page.body().getBytes(StandardCharsets.UTF_8).length);
                // A view is kept until the next quarter hour or data change: the cost of views not seen before,
                // one at a time: the day views of the last 120 days (the first 60 for the JIT, the others measured;
                // smoke: 6 and 3).
                List<Double> fresh = new ArrayList<>();
                for (int i = 1; i <= newViews; i++) {
                    String url = base + "/me?period=day&date=" + today.minusDays(i);
                    long s0 = System.nanoTime();
                    HttpResponse<String> v = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Cookie", cookie)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (v.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + v.statusCode());
                    }
                    if (i > newViews / 2) {
                        fresh.add((System.nanoTime() - s0) / 1e6);
                    }
                }
                fresh.sort(Double::compare);
                json.put("dashboard_new_view_p50_ms", BillingBench.round(fresh.get(fresh.size() / 2)));
                json.put("dashboard_new_view_p90_ms", BillingBench.round(fresh.get(fresh.size() * 9 / 10)));
                json.put("load_average_before", loadAverage());
                if (Boolean.getBoolean("bench.web.hold")) {
                    // For profiling by hand: the server stays up until the hold file is removed.
                    Path hold = out.resolve("web-hold");
                    Files.writeString(hold, base + "\n" + cookie + "\n" + app.pid() + "\n");
                    System.out.println("web bench: holding; server " + base + ", cookie and pid in " + hold);
                    while (Files.exists(hold)) {
                        Thread.sleep(1000);
                    }
                }
                Map<String, JsonNode> results = new LinkedHashMap<>();
                String[][] targets = {
                    {"dashboard", "/me", cookie}, {"kiosk", "/kiosk", null}, {"static", "/css/hausmeter.css", null}
                };
                // Warm-up: every target first (the JIT compiles the paths they share), then each again right
                // before it is measured.
                if (warmUpSeconds > 0) {
                    for (String[] t : targets) {
                        wrk(wrk, script, base + t[1], t[2], connections, warmUpSeconds);
                    }
                }
                for (String[] t : targets) {
                    if (warmUpSeconds > 0) {
                        wrk(wrk, script, base + t[1], t[2], connections, warmUpSeconds);
                    }
                    JsonNode r = wrk(wrk, script, base + t[1], t[2], connections, seconds);
                    if (r.get("non_2xx").asLong() > 0 || r.get("socket_errors").asLong() > 0) {
                        throw new IllegalStateException(t[0] + ": " + r.get("non_2xx") + " answers other than 2xx and "
                                + r.get("socket_errors") + " socket errors: " + r);
                    }
                    results.put(t[0], r);
                    System.out.println("web bench " + t[0] + ": " + r);
                }
                put(json, "dashboard", results.get("dashboard"), true);
                put(json, "kiosk", results.get("kiosk"), false);
                put(json, "static", results.get("static"), false);
                json.put("load_average_after", loadAverage());
            } finally {
                app.destroy();
                if (!app.waitFor(60, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
        json.put("connections", connections);
        json.put("seconds", seconds);
        json.put("load_generator", "wrk " + wrkVersion(wrk) + ", 2 threads, own process");
        json.put("cores", Runtime.getRuntime().availableProcessors());
        if (smoke) {
            json.put("smoke", true);
        }
        Files.createDirectories(out);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("web.json").toFile(), json);
        System.out.println("web.json: " + json);
        EmbeddedServersResource.deleteRecursively(data);
    }

    /** The figures of one target: p50 and p99 latency in ms and requests per second; all three for the dashboard. */
    private static void put(Map<String, Object> json, String name, JsonNode r, boolean all) {
        double seconds = r.get("duration_us").asDouble() / 1e6;
        if (all) {
            json.put(name + "_p50_ms", BillingBench.round(r.get("p50_us").asDouble() / 1000));
        }
        json.put(name + "_p99_ms", BillingBench.round(r.get("p99_us").asDouble() / 1000));
        json.put(name + "_rps", BillingBench.round(r.get("requests").asDouble() / seconds));
        if (!all) {
            json.put(name + "_p50_ms", BillingBench.round(r.get("p50_us").asDouble() / 1000));
        }
        json.put(name + "_requests", r.get("requests").asLong());
        json.put(name + "_max_ms", BillingBench.round(r.get("max_us").asDouble() / 1000));
    }

    private static JsonNode wrk(Path wrk, Path script, String url, String cookie, int connections, int seconds)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                wrk.toString(),
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString()));
        if (cookie != null) {
            cmd.add("-H");
            cmd.add("Cookie: " + cookie);
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        String line = output.lines()
                .filter(l -> l.startsWith("JSON "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output));
        return new ObjectMapper().readTree(line.substring(5));
    }

    /** Logs the resident in through the login form; returns the session cookies ("name=value; name=value"). */
    private static String login(HttpClient http, String base) throws IOException, InterruptedException {
        String form = "j_username=" + RESIDENT + "&j_password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Login of " + RESIDENT + " failed: " + r.statusCode() + " " + location);
        }
        // Quarkus' session cookie and the server-side session's token (hausmeter-sid): both are needed.
        java.util.List<String> cookies = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("hausmeter-session=") || c.startsWith("hausmeter-sid="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .toList();
        if (cookies.size() != 2) {
            throw new IllegalStateException("No session cookies after the login: " + cookies);
        }
        return String.join("; ", cookies);
    }

    private static String wrkVersion(Path wrk) {
        try {
            Process p = new ProcessBuilder(wrk.toString(), "-v")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return v.lines()
                    .findFirst()
                    .map(l -> l.replaceAll("^wrk\\s+", "").replaceAll("\\s.*", ""))
                    .orElse("?");
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
