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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.platform.EmbeddedServers;
import org.hausmeter.support.EmbeddedServersResource;

/**
 * Bill runs end to end (billing.json): a synthetic building of 200 apartments (plus common area, PV and 4
 * chargers with one EV session each per evening) with a year of quarter-hour data in an embedded
 * PostgreSQL, the packaged server started against it, and the month runs driven through the HTTP API:
 * database reads, 15-minute allocation, the demo's time-of-use tariff, EV sessions, draft writes.
 * <ul>
 * <li>{@code month_run_s}: median of 3 runs of October 2026 that each write every draft anew, after three
 *     other months as warm-up;</li>
 * <li>{@code year_run_s}: the 12 months Nov 2025 – Oct 2026 run one after the other;</li>
 * <li>{@code pdf_bills_per_s}: issuing October (number, PDF render, SHA-256, store) per second, after the
 *     re-run that issuing starts with.</li>
 * </ul>
 * In smoke mode ({@code -Dbench.smoke=true}): 12 apartments, data for September and October 2026 only, one warm-up
 * month, one measured run of October, the "year" of those two months; the same keys plus {@code "smoke": true}.
 */
public final class BillingBench {

    static final int APARTMENTS = 200;
    static final int CHARGERS = 4;
    static final YearMonth FIRST = YearMonth.of(2025, 11);
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final Path jar;
    private final Path out;
    private final boolean smoke;
    /** Apartments: {@value #APARTMENTS}, or 12 in smoke mode. */
    private final int apartments;
    /** First month with data and of the "year" run: {@link #FIRST}, or September 2026 in smoke mode. */
    private final YearMonth first;
    /** Months before {@link #MONTH} run as warm-up: 3, or 1 in smoke mode. */
    private final int warmUps;
    /** Measured runs of {@link #MONTH} (the median counts): 3, or 1 in smoke mode. */
    private final int monthRuns;

    BillingBench(Path jar, Path out, boolean smoke) {
        this.jar = jar;
        this.out = out;
        this.smoke = smoke;
        this.apartments = smoke ? 12 : APARTMENTS;
        this.first = smoke ? MONTH.minusMonths(1) : FIRST;
        this.warmUps = smoke ? 1 : 3;
        this.monthRuns = smoke ? 1 : 3;
    }

    void run() throws Exception {
        Path data = out.resolve("billing-data");
        // -Dbench.reuse=true keeps the populated database between runs (for profiling); the default starts clean.
        boolean keep = Boolean.getBoolean("bench.reuse") && !smoke;
        boolean reuse = keep && Files.isDirectory(data.resolve("servers"));
        if (!reuse) {
            EmbeddedServersResource.deleteRecursively(data);
        }
        Files.createDirectories(data);
        Map<String, Object> json = new LinkedHashMap<>();
        try (EmbeddedServers servers =
                EmbeddedServers.start(new EmbeddedServers.Settings(data.resolve("servers"), 0, 0, true, true))) {
            Flyway.configure()
                    .dataSource(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            long t0 = System.nanoTime();
            long rows;
            try (Connection c =
                    DriverManager.getConnection(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                if (reuse) {
                    c.createStatement()
                            .execute(
                                    "ALTER TABLE bill DISABLE TRIGGER bill_frozen; ALTER TABLE bill_line DISABLE TRIGGER"
                                            + " bill_line_frozen; DELETE FROM bill; DELETE FROM bill_number; ALTER TABLE bill ENABLE TRIGGER bill_frozen;"
                                            + " ALTER TABLE bill_line ENABLE TRIGGER bill_line_frozen");
                    rows = count(servers, "SELECT count(*) FROM interval_energy");
                } else {
                    rows = populate(
                            c,
                            apartments,
                            first.atDay(1),
                            MONTH.plusMonths(1).atDay(1).atStartOfDay(BERLIN).toInstant());
                }
            }
            System.out.printf("billing bench: %,d interval rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            json.put("apartments", apartments);
            json.put("interval_rows", rows);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = out.resolve("billing-server.log");
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Dquarkus.log.category.\"org.hausmeter.billing.BillRuns\".level=DEBUG",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
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
                waitUp(http, base, app, 120);
                String auth = "Basic "
                        + Base64.getEncoder().encodeToString("bench:bench-password".getBytes(StandardCharsets.UTF_8));
                // Warm-up (JIT compilation of the loader and the engine, database caches): three other months (smoke:
                // one).
                for (int i = warmUps; i >= 1; i--) {
                    post(http, base + "/api/billing/" + MONTH.minusMonths(i) + "/run", auth);
                }
                List<Double> runs = new ArrayList<>();
                for (int i = 0; i < monthRuns; i++) {
                    try (Connection c = DriverManager.getConnection(
                            servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                        c.createStatement().executeUpdate("DELETE FROM bill WHERE status = 'DRAFT'");
                    }
                    long s = System.nanoTime();
                    post(http, base + "/api/billing/" + MONTH + "/run", auth);
                    runs.add((System.nanoTime() - s) / 1e9);
                }
                runs.sort(Double::compare);
                json.put("month_run_s", round(runs.get(runs.size() / 2)));
                long drafts = count(
                        servers,
                        "SELECT count(*) FROM bill WHERE status = 'DRAFT' AND month = '" + MONTH.atDay(1) + "'");
                json.put("bills_per_month", drafts);
                json.put(
                        "ev_sessions_per_month",
                        count(
                                servers,
                                "SELECT count(*) FROM charging_session WHERE started_at >= '" + MONTH.atDay(1)
                                        + "' AND started_at < '"
                                        + MONTH.plusMonths(1).atDay(1) + "'"));
                try (Connection c = DriverManager.getConnection(
                        servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())) {
                    c.createStatement().executeUpdate("DELETE FROM bill WHERE status = 'DRAFT'");
                }
                long y = System.nanoTime();
                for (YearMonth m = first; !m.isAfter(MONTH); m = m.plusMonths(1)) {
                    post(http, base + "/api/billing/" + m + "/run", auth);
                }
                json.put("year_run_s", round((System.nanoTime() - y) / 1e9));
                long r = System.nanoTime();
                post(http, base + "/api/billing/" + MONTH + "/run", auth);
                double rerun = (System.nanoTime() - r) / 1e9;
                json.put("rerun_unchanged_s", round(rerun));
                long is = System.nanoTime();
                post(http, base + "/api/billing/" + MONTH + "/issue", auth);
                double issue = (System.nanoTime() - is) / 1e9;
                long issued = count(
                        servers,
                        "SELECT count(*) FROM bill WHERE status = 'ISSUED' AND month = '" + MONTH.atDay(1) + "'");
                json.put("issued", issued);
                json.put("issue_month_s", round(issue));
                json.put("pdf_bills_per_s", round(issued / Math.max(0.001, issue - rerun)));
                json.put(
                        "pdf_kb_avg",
                        round(count(servers, "SELECT avg(length(pdf))::bigint FROM bill WHERE status = 'ISSUED'")
                                / 1024.0));
            } finally {
                app.destroy();
                if (!app.waitFor(60, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
        json.put("cores", Runtime.getRuntime().availableProcessors());
        if (smoke) {
            json.put("smoke", true);
        }
        Files.createDirectories(out);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("billing.json").toFile(), json);
        System.out.println("billing.json: " + json);
        if (!keep) {
            EmbeddedServersResource.deleteRecursively(data);
        }
    }

    /**
     * A synthetic building in an empty, migrated database: {@code apartments} apartments (B-1 …) with residents
     * r1 … (r1 to r10 hand over to new tenants on 2026-10-15 when there are more than 10), common area, PV,
     * grid and {@value #CHARGERS} chargers, the bench tariff, and quarter hours of every meter from the start of
     * the day {@code first} to {@code end}; the chargers charge every evening 18:00–21:00 (one closed session each
     * per day that ended before {@code end}). The caretaker is {@code bench} / {@code bench-password}.
     *
     * @return the interval rows written
     */
    static long populate(Connection c, int apartments, LocalDate first, Instant end) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO building (id, name, time_zone, currency, issuer, payment_days) VALUES (1, 'Bench building',
                      'Europe/Berlin', 'EUR', '{"address": ["Benchstraße 1", "10115 Berlin"], "taxNumber": "12/345/67890",
                      "registerCourt": "AG Berlin", "registerNumber": "GnR 1", "phone": "+49 30 1", "email": "b@example.org",
                      "iban": "DE02120300000000202051", "meteringOperator": "Bench co-op", "noticePeriod": "1 Monat"}', 14)""");
            s.executeUpdate(
                    "INSERT INTO account (username, display_name, role, password_hash) VALUES ('bench', 'Bench caretaker', 'CARETAKER', '"
                            + PasswordHasher.hash("bench-password") + "')");
            s.executeUpdate(
                    "INSERT INTO apartment (code, name, floor, area_m2) SELECT 'B-' || i, 'Apartment ' || i, i / 10,"
                            + " 45 + (i % 7) * 10 FROM generate_series(1, " + apartments + ") i");
            s.executeUpdate(
                    "INSERT INTO account (username, display_name, role) SELECT 'r' || i, 'Resident ' || i, 'RESIDENT'"
                            + " FROM generate_series(1, " + (apartments + 10) + ") i");
            // Every apartment let since 2025-01-01; the first 10 change tenant on 2026-10-15 (split bills).
            s.executeUpdate("""
                    INSERT INTO tenancy (apartment_id, resident_id, move_in, move_out)
                    SELECT a.id, r.id, '2025-01-01 00:00 Europe/Berlin',
                           CASE WHEN substr(a.code, 3)::int <= 10 THEN timestamptz '2026-10-15 00:00 Europe/Berlin' END
                    FROM apartment a JOIN account r ON r.username = 'r' || substr(a.code, 3)""");
            s.executeUpdate("""
                    INSERT INTO tenancy (apartment_id, resident_id, move_in)
                    SELECT a.id, r.id, '2026-10-15 00:00 Europe/Berlin'
                    FROM apartment a JOIN account r ON r.username = 'r' || (substr(a.code, 3)::int + %d)
                    WHERE substr(a.code, 3)::int <= 10""".formatted(apartments));
            s.executeUpdate(
                    "INSERT INTO meter (name, bus, unit_id, model, role, apartment_id, installed_at) SELECT 'm-' || code,"
                            + " 'bus' || (id % 4), 1 + (id / 4)::int, 'eastron-sdm120', 'APARTMENT', id, '2025-01-01Z' FROM apartment");
            s.executeUpdate(
                    "INSERT INTO meter (name, bus, unit_id, model, role, installed_at) VALUES"
                            + " ('common', 'busx', 1, 'eastron-sdm630', 'COMMON', '2025-01-01Z'),"
                            + " ('pv', 'busx', 2, 'sunspec', 'PV', '2025-01-01Z'), ('grid', 'busx', 3, 'abb-b23', 'GRID', '2025-01-01Z')");
            s.executeUpdate(
                    "INSERT INTO meter (name, bus, unit_id, model, role, charger, installed_at) SELECT 'charger-' || i,"
                            + " 'busy', i, 'eastron-sdm630', 'CHARGER', 'ch-' || i, '2025-01-01Z' FROM generate_series(1, "
                            + CHARGERS + ") i");
            s.executeUpdate("""
                    INSERT INTO tariff_version (valid_from, pv_price, base_fee_month, ev_pv_price, ev_grid_price, feed_in_price,
                        vat_percent, allocation_key, common_key, created_by)
                    VALUES ('2025-01-01', 0.2150, 6.50, 0.2400, 0.3500, 0.0803, 19, 'DYNAMIC_PROPORTIONAL', 'FLOOR_AREA', 'bench')""");
            for (String[] season : new String[][] {
                {"Winter", "{10,11,12,1,2,3}", "0.2650", "0.3320"}, {"Sommer", "{4,5,6,7,8,9}", "0.2550", "0.3150"}
            }) {
                s.executeUpdate("INSERT INTO tariff_grid_window VALUES ('2025-01-01', '" + season[0] + "', '"
                        + season[1]
                        + "', 'WEEKDAY', 'NT', 0, 360, " + season[2] + "), ('2025-01-01', '" + season[0] + "', '"
                        + season[1] + "', 'WEEKDAY', 'HT', 360, 1320, " + season[3] + "), ('2025-01-01', '" + season[0]
                        + "', '" + season[1] + "', 'WEEKDAY', 'NT', 1320, 1440, " + season[2] + "), ('2025-01-01', '"
                        + season[0] + "', '" + season[1] + "', 'WEEKEND', 'NT', 0, 1440, " + season[2] + ")");
            }
        }
        c.commit();
        String from = first + " 00:00 Europe/Berlin";
        String to = end.toString();
        // Sessions on the days that ended before the data ends.
        LocalDate sessionsEnd = LocalDate.ofInstant(end, BERLIN);
        long rows = 0;
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = off");
            // Consumers: a base load plus an evening bump and deterministic noise, Wh per quarter hour.
            rows += s.executeUpdate("""
                    INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh, quality)
                    SELECT m.id, t, 15 + (abs(hashint8(m.id * 1000003 + extract(epoch FROM t)::bigint)::bigint) %% 60)
                               + CASE WHEN extract(hour FROM t AT TIME ZONE 'Europe/Berlin') BETWEEN 17 AND 21 THEN 60 ELSE 0 END
                               + CASE WHEN m.role = 'COMMON' THEN 150 ELSE 0 END,
                           0, CASE WHEN abs(hashint8(m.id * 7 + extract(epoch FROM t)::bigint)::bigint) %% 500 = 0 THEN 'ESTIMATED' ELSE 'MEASURED' END
                    FROM meter m, generate_series(timestamptz '%s', timestamptz '%s' - interval '15 minutes', interval '15 minutes') t
                    WHERE m.role IN ('APARTMENT', 'COMMON')""".formatted(from, to));
            // PV: a 60 kWp roof, sine over 06:00-20:00 local, stronger in summer.
            rows += s.executeUpdate("""
                    INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh, quality)
                    SELECT m.id, t, 0, greatest(0, round(15000 * sin(pi() * (extract(epoch FROM (t AT TIME ZONE 'Europe/Berlin')::time) / 3600 - 6) / 14)
                           * (0.55 - 0.45 * cos(2 * pi() * extract(doy FROM t) / 365))))::bigint, 'MEASURED'
                    FROM meter m, generate_series(timestamptz '%s', timestamptz '%s' - interval '15 minutes', interval '15 minutes') t
                    WHERE m.role = 'PV'""".formatted(from, to));
            // Chargers: one session per evening each, 18:00-21:00 local at 11 kW (2,750 Wh per quarter hour).
            rows += s.executeUpdate("""
                    INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh, quality)
                    SELECT m.id, t, CASE WHEN extract(hour FROM t AT TIME ZONE 'Europe/Berlin') BETWEEN 18 AND 20 THEN 2750 ELSE 0 END,
                           0, 'MEASURED'
                    FROM meter m, generate_series(timestamptz '%s', timestamptz '%s' - interval '15 minutes', interval '15 minutes') t
                    WHERE m.role = 'CHARGER'""".formatted(from, to));
        }
        c.commit();
        // Counter readings of the apartment meters at every local midnight (what the poller stores; the
        // bills print the counters at their period's ends): cumulative sums of the quarter hours.
        try (Statement s = c.createStatement()) {
            s.execute(
                    "SELECT hausmeter_ensure_reading_partitions(timestamptz '%s' - interval '1 day', timestamptz '%s' + interval '1 day')"
                            .formatted(from, to));
            s.executeUpdate("""
                    INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)
                    SELECT meter_id, day_end, 5000000 + sum(wh) OVER (PARTITION BY meter_id ORDER BY day_end), NULL::bigint, 'POLL'
                    FROM (SELECT e.meter_id, date_trunc('day', e.interval_start AT TIME ZONE 'Europe/Berlin') + interval '1 day' AS day_local,
                                 sum(e.import_wh) AS wh
                          FROM interval_energy e JOIN meter m ON m.id = e.meter_id WHERE m.role = 'APARTMENT'
                          GROUP BY 1, 2) d
                    CROSS JOIN LATERAL (SELECT d.day_local AT TIME ZONE 'Europe/Berlin' AS day_end) x
                    UNION ALL
                    SELECT m.id, timestamptz '%s', 5000000, NULL::bigint, 'POLL' FROM meter m WHERE m.role = 'APARTMENT'""".formatted(from));
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO charging_session (charger, meter_id, card_uid, resident_id, tenancy_id, started_at,
                        ended_at, start_wh, end_wh, status, end_reason, seen_power, source)
                    SELECT m.charger, m.id, '04A1B2C3' || upper(lpad(to_hex(t.id::int), 6, '0')), t.resident_id, t.id,
                           d + interval '18 hours', d + interval '21 hours',
                           1000000 + n * 33000, 1000000 + n * 33000 + 33000, 'CLOSED', 'CARD', true, 'DEMO_HISTORY'
                    FROM meter m
                    CROSS JOIN LATERAL generate_series(0, (date '%s' - date '%s') - 1) n
                    CROSS JOIN LATERAL (SELECT (date '%s' + n)::timestamp AT TIME ZONE 'Europe/Berlin' AS d) dd
                    JOIN tenancy t ON t.id = (SELECT id FROM tenancy WHERE move_out IS NULL ORDER BY id
                                              OFFSET ((n * 4 + substr(m.charger, 4)::int) %% %d) LIMIT 1)
                    WHERE m.role = 'CHARGER'""".formatted(sessionsEnd, first, first, Math.min(150, apartments)));
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        c.commit();
        return rows;
    }

    private static long count(EmbeddedServers servers, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword());
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void post(HttpClient http, String url, String auth) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", auth)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Waits until the server at {@code base} is ready (also used by {@link WebBench} and the security drill). */
    public static void waitUp(HttpClient http, String base, Process app, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("Server exited with " + app.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Server not ready within " + seconds + " s");
    }

    /** Three decimals for the JSON figures (also used by {@link WebBench}). */
    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
