package org.hausmeter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.charging.ocpp.OcppSimulator;
import org.hausmeter.platform.EmbeddedServers;
import org.hausmeter.support.EmbeddedServersResource;

/**
 * {@code target/bench/ocpp.json}: {@value #CHARGE_POINTS} simulated OCPP 1.6J charge points (the test tree's
 * {@link OcppSimulator}, JDK WebSocket) on the packaged server, each sending MeterValues every 10 s and stopping its
 * transaction and starting the next once a minute, for {@value #SECONDS} s after all connected and booted. Keys:
 * {@code charge_points}, {@code messages_per_s} (CALLs the charge points sent per second), {@code call_p99_ms} (from
 * sending a CALL to its CALLRESULT, on the same machine: the server's answer time), {@code call_p50_ms},
 * {@code server_rss_mb} (VmRSS of the server's JVM at the end), {@code errors} (CALLERRORs, failed or unanswered
 * calls; 0 expected), {@code seconds}, {@code calls}, {@code cores}. Smoke mode: {@value #SMOKE_CHARGE_POINTS}
 * charge points for {@value #SMOKE_SECONDS} s.
 */
final class OcppBench {

    static final int CHARGE_POINTS = 100;
    static final int SECONDS = 120;
    static final int SMOKE_CHARGE_POINTS = 3;
    static final int SMOKE_SECONDS = 12;
    static final String PASSWORD = "bench-ocpp-password-01";

    private final Path jar;
    private final Path out;
    private final boolean smoke;

    OcppBench(Path jar, Path out, boolean smoke) {
        this.jar = jar;
        this.out = out;
        this.smoke = smoke;
    }

    void run() throws Exception {
        int chargePoints = smoke ? SMOKE_CHARGE_POINTS : CHARGE_POINTS;
        int seconds = smoke ? SMOKE_SECONDS : SECONDS;
        Path data = out.resolve("ocpp-data");
        EmbeddedServersResource.deleteRecursively(data);
        Files.createDirectories(data);
        Map<String, Object> json = new LinkedHashMap<>();
        try (EmbeddedServers servers =
                EmbeddedServers.start(new EmbeddedServers.Settings(data.resolve("servers"), 0, 0, true, true))) {
            Flyway.configure()
                    .dataSource(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            Instant now = Instant.now();
            List<String> cards = new ArrayList<>();
            try (Connection c =
                    DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                BillingBench.populate(
                        c,
                        20,
                        LocalDate.ofInstant(now, BillingBench.BERLIN).minusDays(1),
                        now.truncatedTo(ChronoUnit.HOURS));
                String hash = PasswordHasher.hash(PASSWORD, 10);
                try (PreparedStatement cp = c.prepareStatement(
                                "INSERT INTO ocpp_charge_point (id, status, password_hash,"
                                        + " first_seen_at, accepted_at, accepted_by) VALUES (?, 'ACCEPTED', ?, ?, ?, 'bench')");
                        PreparedStatement card = c.prepareStatement(
                                "INSERT INTO charging_card (uid, resident_id,"
                                        + " registered_at, registered_by) SELECT ?, id, ?, 'bench' FROM account WHERE username = 'r20'")) {
                    for (int i = 0; i < chargePoints; i++) {
                        cp.setString(1, id(i));
                        cp.setString(2, hash);
                        cp.setTimestamp(3, Timestamp.from(now));
                        cp.setTimestamp(4, Timestamp.from(now));
                        cp.addBatch();
                        String uid = String.format("04BE0C%08X", i);
                        cards.add(uid);
                        card.setString(1, uid);
                        card.setTimestamp(2, Timestamp.from(now));
                        card.addBatch();
                    }
                    cp.executeBatch();
                    card.executeBatch();
                }
                c.commit();
            }
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
                    .redirectOutput(out.resolve("ocpp-server.log").toFile());
            pb.environment().put("HAUSMETER_DATA_DIR", data.resolve("app").toString());
            pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
            pb.environment().put("HAUSMETER_DB_URL", servers.jdbcUrl());
            pb.environment().put("HAUSMETER_DB_USER", EmbeddedServers.USER);
            pb.environment().put("HAUSMETER_DB_PASSWORD", servers.postgresPassword());
            pb.environment().put("HAUSMETER_REDIS_URL", servers.redisUrlWithPassword());
            Process app = pb.start();
            List<OcppSimulator> sims = new ArrayList<>();
            ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
            try {
                String base = "http://127.0.0.1:" + port;
                BillingBench.waitUp(HttpClient.newHttpClient(), base, app, 180);
                URI uri = URI.create(base + "/");
                for (int i = 0; i < chargePoints; i++) {
                    OcppSimulator s = OcppSimulator.connect(uri, id(i), PASSWORD);
                    if (!"Accepted".equals(s.boot().get("status").asText())) {
                        throw new IllegalStateException(id(i) + " was not accepted");
                    }
                    sims.add(s);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (OcppSimulator s : sims) {
                    while (s.localListVersion == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                }
                List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger errors = new AtomicInteger();
                AtomicInteger failedCalls = new AtomicInteger();
                AtomicLong calls = new AtomicLong();
                long t0 = System.nanoTime();
                long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
                for (int i = 0; i < sims.size(); i++) {
                    OcppSimulator s = sims.get(i);
                    String card = cards.get(i);
                    long offsetMs = (long) (10_000.0 * i / sims.size());
                    Runner r = new Runner(s, card, latencies, errors, failedCalls, calls, end);
                    timer.scheduleAtFixedRate(r::meterValues, offsetMs, 10_000, TimeUnit.MILLISECONDS);
                    timer.scheduleAtFixedRate(r::startStop, offsetMs + 5, 60_000, TimeUnit.MILLISECONDS);
                }
                while (System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                timer.shutdown();
                timer.awaitTermination(10, TimeUnit.SECONDS);
                Thread.sleep(2_000); // the last answers
                double elapsed = (System.nanoTime() - t0) / 1e9;
                List<Double> sorted;
                synchronized (latencies) {
                    sorted = new ArrayList<>(latencies);
                }
                sorted.sort(Double::compare);
                json.put("charge_points", chargePoints);
                json.put("seconds", seconds);
                json.put("calls", calls.get());
                json.put("messages_per_s", BillingBench.round(calls.get() / elapsed));
                json.put("call_p50_ms", BillingBench.round(percentile(sorted, 0.50)));
                json.put("call_p99_ms", BillingBench.round(percentile(sorted, 0.99)));
                json.put("server_rss_mb", BillingBench.round(rssKb(app.pid()) / 1024.0));
                // Failed calls are counted in errors already; calls neither answered nor failed are added.
                json.put("errors", errors.get() + Math.max(0, calls.get() - sorted.size() - failedCalls.get()));
                json.put("cores", Runtime.getRuntime().availableProcessors());
            } finally {
                timer.shutdownNow();
                sims.forEach(OcppSimulator::close);
                app.destroy();
                if (!app.waitFor(60, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
        if (smoke) {
            json.put("smoke", true);
        }
        Path file = out.resolve("ocpp.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("ocpp bench: " + json);
    }

    private static String id(int i) {
        return String.format("bench-cp-%03d", i);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** One charge point's load: a transaction running, its energy register rising at 11 kW. */
    private static final class Runner {
        private final OcppSimulator s;
        private final String card;
        private final List<Double> latencies;
        private final AtomicInteger errors;
        private final AtomicInteger failedCalls;
        private final AtomicLong calls;
        private final long end;
        private long wh = 1_000_000;
        private Integer tx;

        Runner(
                OcppSimulator s,
                String card,
                List<Double> latencies,
                AtomicInteger errors,
                AtomicInteger failedCalls,
                AtomicLong calls,
                long end) {
            this.s = s;
            this.card = card;
            this.latencies = latencies;
            this.errors = errors;
            this.failedCalls = failedCalls;
            this.calls = calls;
            this.end = end;
        }

        synchronized void meterValues() {
            if (System.nanoTime() >= end) {
                return;
            }
            wh += 11_000 * 10 / 3600;
            timed(s.callAsync(
                    "MeterValues",
                    OcppSimulator.meterValuesPayload(1, tx, Instant.now().toString(), wh, 11_000)));
        }

        synchronized void startStop() {
            if (System.nanoTime() >= end) {
                return;
            }
            try {
                if (tx != null) {
                    timed(s.callAsync(
                                    "StopTransaction",
                                    OcppSimulator.obj()
                                            .put("transactionId", tx)
                                            .put("meterStop", wh)
                                            .put("timestamp", Instant.now().toString())))
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                }
                JsonNode started = timed(s.callAsync(
                                "StartTransaction",
                                OcppSimulator.obj()
                                        .put("connectorId", 1)
                                        .put("idTag", card)
                                        .put("meterStart", wh)
                                        .put("timestamp", Instant.now().toString())))
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                if (!"Accepted".equals(started.get("idTagInfo").get("status").asText())) {
                    errors.incrementAndGet();
                }
                tx = started.get("transactionId").asInt();
            } catch (Exception e) {
                tx = null;
            }
        }

        private CompletionStage<JsonNode> timed(CompletionStage<JsonNode> call) {
            long t = System.nanoTime();
            calls.incrementAndGet();
            return call.whenComplete((r, e) -> {
                if (e != null) {
                    errors.incrementAndGet();
                    failedCalls.incrementAndGet();
                } else {
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
            });
        }
    }
}
