package org.hausmeter.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security drill (docs/security.md, "Drill"): the packaged server started as a separate process, as the
 * benchmarks start it (demo data, embedded PostgreSQL and Redis, {@code -Xmx384m -XX:+ExitOnOutOfMemoryError} as
 * shipped, HTTP bound to 127.0.0.1), and four attacks against it over loopback only. Every loop is bounded in
 * count and in time. Not part of any test suite: a main class.
 * <ol>
 * <li>session: a copied session cookie pair is refused right after logout;</li>
 * <li>caretaker: a flood of wrong passwords for {@code hauswart} from 127.0.0.2–9 while the caretaker logs in
 * from 127.0.0.1 (known address) and from 127.0.0.30 with the device cookie;</li>
 * <li>flood: up to 300,000 failed form logins with 1.5 kB random usernames (or 300 s) from 127.0.0.1, heap and
 * RSS before, after, and after settling;</li>
 * <li>crash: {@code kill -9} of the server, start on the same data directory, time to /q/health UP.</li>
 * </ol>
 * The order matters: the flood locks 127.0.0.1 for up to 15 min, so it runs after the attacks that log in from
 * there; the restart forgets every counter.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.hausmeter.drill.SecurityDrill \
 *      target/quarkus-app/quarkus-run.jar target/drill
 * </pre>
 * {@code -Ddrill.flood.requests=300000 -Ddrill.flood.seconds=300 -Ddrill.flood.threads=4} change the flood.
 */
public final class SecurityDrill {

    static final String CARETAKER = "hauswart";
    static final String CARETAKER_PASSWORD = "hauswart-demo";
    static final String RESIDENT = "anna";
    static final String RESIDENT_PASSWORD = "anna-demo";
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private final Path jar;
    private final Path out;
    private final Path data;
    private final int port;
    private final String base;
    private final HttpClient http;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();
    private Process server;
    private int serverStarts;

    SecurityDrill(Path jar, Path out) throws IOException {
        this.jar = jar;
        this.out = out;
        this.data = out.resolve("data");
        this.port = freePort();
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SecurityDrill <quarkus-run.jar> <output directory>");
            System.exit(2);
        }
        SecurityDrill drill = new SecurityDrill(Path.of(args[0]), Path.of(args[1]));
        drill.run();
        // Exit status 1 when any "done when" of the drill failed: a script or CI can rely on it.
        System.exit(drill.verdicts.containsValue(Boolean.FALSE) ? 1 : 0);
    }

    /** What the drill must show, by name: true when it held. */
    private final Map<String, Boolean> verdicts = new LinkedHashMap<>();

    private void verdict(String what, boolean held) {
        verdicts.put(what, held);
    }

    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged server at [" + jar + "]: run mvn -DskipTests package");
        }
        Files.createDirectories(out);
        deleteRecursively(data);
        json.put("started_at", Instant.now().toString()); // when the drill ran: a record, not a test of dates
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average_before", loadAverage());
        try {
            double firstUp = startServer();
            json.put("first_start_to_health_up_s", round(firstUp));
            json.put("session", sessionDrill());
            json.put("caretaker", caretakerDrill());
            json.put("flood", floodDrill());
            json.put("crash", crashDrill());
        } finally {
            stopServer();
            json.put("load_average_after", loadAverage());
            json.put("verdicts", verdicts);
            Path file = out.resolve("drill.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
            System.out.println("Wrote " + file);
            System.out.println("---- Security drill summary ----");
            summary.forEach(System.out::println);
            verdicts.forEach((what, held) -> System.out.println((held ? "[PASS] " : "[FAIL] ") + what));
            System.out.println(
                    verdicts.containsValue(Boolean.FALSE) || verdicts.isEmpty() ? "DRILL FAILED" : "DRILL PASSED");
        }
    }

    // ---------------------------------------------------------------- 1. copied session after logout

    private Map<String, Object> sessionDrill() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        HttpResponse<String> login = formLogin(RESIDENT, RESIDENT_PASSWORD);
        String session = cookie(login, "hausmeter-session");
        String sid = cookie(login, "hausmeter-sid");
        if (session == null || sid == null) {
            throw new IllegalStateException("No session cookies after " + RESIDENT + "'s login: " + login.headers());
        }
        String copied = "hausmeter-session=" + session + "; hausmeter-sid=" + sid;
        HttpResponse<String> page = get("/", copied);
        Matcher m = META.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("No csrf-token meta tag on / (status " + page.statusCode() + ")");
        }
        String csrfCookie = cookie(page, "hausmeter-csrf");
        int before = get("/me", copied).statusCode();
        String browser = copied + (csrfCookie == null ? "" : "; hausmeter-csrf=" + csrfCookie);
        HttpResponse<String> logout = http.send(
                HttpRequest.newBuilder(URI.create(base + "/logout"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", browser)
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(m.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> after = get("/me", copied);
        String location = after.headers().firstValue("Location").orElse("");
        boolean refused = (after.statusCode() == 302 || after.statusCode() == 303) && location.contains("/login");
        r.put("me_before_logout_status", before);
        r.put("logout_status", logout.statusCode());
        r.put("logout_location", logout.headers().firstValue("Location").orElse(""));
        r.put("copied_cookie_status", after.statusCode());
        r.put("copied_cookie_location", location);
        r.put("copied_cookie_refused", refused);
        verdict("a copied session cookie is refused right after logout", refused);
        summary.add(String.format(
                "[session]   %s: GET /me before logout %d; POST /logout %d -> %s; copied cookies afterwards %d -> %s: %s",
                RESIDENT,
                before,
                logout.statusCode(),
                r.get("logout_location"),
                after.statusCode(),
                location,
                refused ? "REFUSED (ok)" : "ACCEPTED (FAIL)"));
        return r;
    }

    // ---------------------------------------------------------------- 2. caretaker during a password flood

    private Map<String, Object> caretakerDrill() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        // Before the flood: the caretaker's office (127.0.0.1) logs in once; the browser keeps the device cookie.
        HttpResponse<String> office = formLogin(CARETAKER, CARETAKER_PASSWORD);
        String device = cookie(office, "hausmeter-device");
        r.put(
                "login_before_flood_ok",
                success(
                        office.statusCode(),
                        office.headers().firstValue("Location").orElse("")));
        r.put("device_cookie_received", device != null);

        int addresses = 8;
        int perAddress = Integer.getInteger("drill.caretaker.attempts", 40);
        long deadline =
                System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("drill.caretaker.seconds", 180));
        AtomicLong sent = new AtomicLong();
        AtomicLong checkedSlow = new AtomicLong();
        AtomicLong refusedFast = new AtomicLong();
        AtomicLong throttlePages = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        // An admitted attempt runs bcrypt (hundreds of ms on this machine), a refused one none: the attacker can
        // tell them apart by time. The reference is the first attempt's time (always admitted).
        long reference = timeRaw("127.0.0.2", CARETAKER, "guess-reference", null).nanos;
        sent.incrementAndGet();
        checkedSlow.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(addresses);
        List<Future<?>> flood = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            String from = "127.0.0." + (2 + a);
            flood.add(pool.submit(() -> {
                for (int i = 0; i < perAddress && System.nanoTime() < deadline; i++) {
                    try {
                        Timed t = timeRaw(from, CARETAKER, "guess-" + from + "-" + i, null);
                        sent.incrementAndGet();
                        if (success(t.response.status, t.response.header("Location"))) {
                            accepted.incrementAndGet();
                        }
                        if (t.nanos < reference / 4) {
                            refusedFast.incrementAndGet();
                        } else {
                            checkedSlow.incrementAndGet();
                        }
                        Raw pageAfter = Raw.send(from, port, "GET", "/login?error", null, null);
                        if (pageAfter.body.contains("Too many attempts")
                                || pageAfter.body.contains("Zu viele Versuche")) {
                            throttlePages.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // During the flood (after the account layer has had time to lock): the right password from
        // a stranger's address, from the office, and from a new address with the device cookie.
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sent.get() < 4L * addresses && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        long sentAtCheck = sent.get();
        Raw stranger =
                Raw.send("127.0.0.20", port, "POST", "/j_security_check", form(CARETAKER, CARETAKER_PASSWORD), null);
        long t0 = System.nanoTime();
        HttpResponse<String> again = formLogin(CARETAKER, CARETAKER_PASSWORD);
        double officeMs = (System.nanoTime() - t0) / 1e6;
        Raw phone = device == null
                ? null
                : Raw.send(
                        "127.0.0.30",
                        port,
                        "POST",
                        "/j_security_check",
                        form(CARETAKER, CARETAKER_PASSWORD),
                        "hausmeter-device=" + device);
        for (Future<?> f : flood) {
            f.get(200, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        boolean officeOk = success(
                again.statusCode(), again.headers().firstValue("Location").orElse(""));
        boolean phoneOk = phone != null && success(phone.status, phone.header("Location"));
        boolean strangerOk = success(stranger.status, stranger.header("Location"));
        r.put("attacker_addresses", "127.0.0.2-127.0.0." + (1 + addresses));
        r.put("attacker_attempts", sent.get());
        r.put("attacker_attempts_checked_bcrypt", checkedSlow.get());
        r.put("attacker_attempts_refused_by_lock", refusedFast.get());
        r.put("attacker_throttle_messages_seen", throttlePages.get());
        r.put("attacker_logins_accepted", accepted.get());
        r.put("attacker_errors", errors.get());
        r.put("bcrypt_reference_ms", round(reference / 1e6));
        r.put("attempts_before_caretaker_login", sentAtCheck);
        r.put("right_password_from_stranger_127_0_0_20_ok", strangerOk);
        r.put("caretaker_login_from_office_127_0_0_1_ok", officeOk);
        r.put("caretaker_login_from_office_ms", round(officeMs));
        r.put("caretaker_login_with_device_cookie_127_0_0_30_ok", phoneOk);
        verdict("the caretaker logs in from a known address during a flood against their name", officeOk);
        verdict("the caretaker logs in with their device cookie from a new address during the flood", phoneOk);
        verdict(
                "the flooded name is locked for strangers (the right password from an unknown address refused)",
                !strangerOk);
        verdict("no attacker attempt logged in", accepted.get() == 0);
        summary.add(String.format(
                "[caretaker] flood of wrong passwords for %s from %s: %d attempts, %d checked (bcrypt), %d refused by a lock"
                        + " (answered in < 1/4 of %.0f ms), %d throttle messages on the page, %d accepted",
                CARETAKER,
                r.get("attacker_addresses"),
                sent.get(),
                checkedSlow.get(),
                refusedFast.get(),
                reference / 1e6,
                throttlePages.get(),
                accepted.get()));
        summary.add(String.format(
                "[caretaker] after %d attempts: right password from a stranger (127.0.0.20) %s; caretaker from office"
                        + " 127.0.0.1 %s (%.0f ms); with device cookie from 127.0.0.30 %s",
                sentAtCheck,
                strangerOk ? "ACCEPTED" : "refused (account locked for strangers)",
                officeOk ? "LOGGED IN (ok)" : "REFUSED (FAIL)",
                officeMs,
                phone == null ? "not tried (no cookie)" : phoneOk ? "LOGGED IN (ok)" : "REFUSED (FAIL)"));
        return r;
    }

    private record Timed(Raw response, long nanos) {}

    private Timed timeRaw(String from, String user, String password, String cookie) throws IOException {
        long t0 = System.nanoTime();
        Raw raw = Raw.send(from, port, "POST", "/j_security_check", form(user, password), cookie);
        return new Timed(raw, System.nanoTime() - t0);
    }

    // ---------------------------------------------------------------- 3. long-username flood, memory

    private Map<String, Object> floodDrill() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        long maxRequests = Long.getLong("drill.flood.requests", 300_000);
        int seconds = Integer.getInteger("drill.flood.seconds", 300);
        int threads = Integer.getInteger("drill.flood.threads", 4);
        int usernameLength = Integer.getInteger("drill.flood.username-length", 1500);
        double heapBefore = heapMb();
        double rssBefore = rssMb();
        HttpClient flood = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(2))
                .build();
        AtomicLong issued = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong redirectsToError = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean serverDied = new AtomicBoolean();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        URI uri = URI.create(base + "/j_security_check");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        URI api = URI.create(base + "/api/me/apartments");
        AtomicLong basicSent = new AtomicLong();
        for (int w = 0; w < threads; w++) {
            // Even threads use the login form, odd ones HTTP Basic on the API: both end in the same login check.
            boolean basic = w % 2 == 1;
            workers.add(pool.submit(() -> {
                SecureRandom random = new SecureRandom();
                char[] name = new char[usernameLength];
                while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
                    for (int i = 0; i < name.length; i++) {
                        name[i] = (char) ('a' + random.nextInt(26));
                    }
                    try {
                        HttpRequest request;
                        if (basic) {
                            request = HttpRequest.newBuilder(api)
                                    .timeout(Duration.ofSeconds(10))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + java.util.Base64.getEncoder()
                                                            .encodeToString((new String(name) + ":wrong")
                                                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                    .GET()
                                    .build();
                        } else {
                            request = HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "j_username=" + new String(name) + "&j_password=wrong"))
                                    .build();
                        }
                        HttpResponse<Void> resp = flood.send(request, HttpResponse.BodyHandlers.discarding());
                        if (basic) {
                            basicSent.incrementAndGet();
                        }
                        if (basic
                                ? resp.statusCode() == 401
                                : resp.statusCode() == 302
                                        && resp.headers()
                                                .firstValue("Location")
                                                .orElse("")
                                                .contains("error")) {
                            redirectsToError.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (!server.isAlive()) {
                            serverDied.set(true);
                            return null;
                        }
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get(seconds + 60L, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        boolean alive = server.isAlive();
        double heapAfter = alive ? heapMb() : -1;
        double rssAfter = alive ? rssMb() : -1;
        Thread.sleep(5000);
        double heapSettled = alive ? heapMb() : -1;
        double rssSettled = alive ? rssMb() : -1;
        double heapAfterGc = alive ? heapAfterFullGc() : -1;
        r.put("requests_sent", done.get());
        r.put("seconds", round(elapsed));
        r.put("requests_per_s", round(done.get() / elapsed));
        r.put("client_threads", threads);
        r.put("username_length", usernameLength);
        r.put("of_which_http_basic", basicSent.get());
        r.put("answered_login_error_or_401", redirectsToError.get());
        r.put("answered_other", other.get());
        r.put("errors", errors.get());
        r.put("server_alive_after", alive);
        r.put("heap_used_mb_before", round(heapBefore));
        r.put("heap_used_mb_after", round(heapAfter));
        r.put("heap_used_mb_after_5s", round(heapSettled));
        r.put("heap_used_mb_after_full_gc", round(heapAfterGc));
        r.put("rss_mb_before", round(rssBefore));
        r.put("rss_mb_after", round(rssAfter));
        r.put("rss_mb_after_5s", round(rssSettled));
        r.put("max_heap", "-Xmx384m");
        summary.add(String.format(
                "[flood]     %d failed logins with %d-char random usernames from 127.0.0.1 (%d threads, %d of them"
                        + " HTTP Basic on /api) in %.1f s = %.0f/s; %d answered /login?error or 401, %d other, %d errors; server alive: %s",
                done.get(),
                usernameLength,
                threads,
                basicSent.get(),
                elapsed,
                done.get() / elapsed,
                redirectsToError.get(),
                other.get(),
                errors.get(),
                alive));
        verdict("the server is alive after the flood", alive);
        verdict("every flood request was answered as a failed login", other.get() == 0 && errors.get() == 0);
        // Bounded: the throttle keeps at most max-entries per map with usernames cut to 64 characters; a heap that
        // kept the flood's usernames would be past half of -Xmx after 300,000 of them (225,000 filled it before).
        verdict(
                "heap after a full GC stays under half of -Xmx384m after the flood",
                heapAfterGc >= 0 && heapAfterGc < 192);
        summary.add(String.format(
                "[flood]     heap used MB: before %.1f, after %.1f, after 5 s %.1f, after full GC %.1f (max 384);"
                        + " RSS MB: before %.1f, after %.1f, after 5 s %.1f",
                heapBefore, heapAfter, heapSettled, heapAfterGc, rssBefore, rssAfter, rssSettled));
        return r;
    }

    private double heapAfterFullGc() throws Exception {
        Process gc = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(1000);
        return heapMb();
    }

    // ---------------------------------------------------------------- 4. kill -9 and restart

    private Map<String, Object> crashDrill() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        long pid = server.pid();
        long children = server.toHandle().descendants().count();
        Process kill =
                new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        server.waitFor(30, TimeUnit.SECONDS);
        r.put("killed_pid", pid);
        r.put("child_processes_at_kill", children);
        int exit = server.exitValue();
        r.put("exit_value", exit);
        double up = startServer();
        r.put("restart_to_health_up_s", round(up));
        boolean loginOk;
        HttpResponse<String> login = formLogin(RESIDENT, RESIDENT_PASSWORD);
        loginOk = success(
                login.statusCode(), login.headers().firstValue("Location").orElse(""));
        r.put("login_after_restart_ok", loginOk);
        verdict("after kill -9 the server starts on the same data directory without clean-up and comes UP", up > 0);
        verdict("a login works after the restart", loginOk);
        summary.add(String.format(
                "[crash]     kill -9 of pid %d (exit %d, %d child processes); same data directory, no clean-up:"
                        + " /q/health UP after %.2f s; %s logs in: %s",
                pid, exit, children, up, RESIDENT, loginOk));
        return r;
    }

    // ---------------------------------------------------------------- server process

    /** Starts the packaged server on {@link #data}; returns the seconds from launch to /q/health UP. */
    private double startServer() throws Exception {
        serverStarts++;
        Path log = out.resolve("server-" + serverStarts + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString(),
                        "demo")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HAUSMETER_DATA_DIR", data.toString());
        pb.environment().put("HAUSMETER_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().remove("HAUSMETER_DB_URL");
        pb.environment().remove("HAUSMETER_REDIS_URL");
        // /q/metrics without the caretaker's password (the caretaker's failures would count in the throttle).
        pb.environment().put("HAUSMETER_OPERATOR_NETWORKS", "127.0.0.1");
        long t0 = System.nanoTime();
        server = pb.start();
        try {
            org.hausmeter.bench.BillingBench.waitUp(http, base, server, 300);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ", see " + log, e);
        }
        double up = (System.nanoTime() - t0) / 1e9;
        summary.add(String.format(
                "[start %d]   /q/health/ready UP after %.2f s (pid %d, log %s)", serverStarts, up, server.pid(), log));
        return up;
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- HTTP helpers

    private HttpResponse<String> formLogin(String user, String password) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(user, password)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookies) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "en");
        if (cookies != null) {
            b.header("Cookie", cookies);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double heapMb() throws IOException, InterruptedException {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("No jvm_memory_used_bytes{area=\"heap\"} in /q/metrics");
        }
        return sum / (1024 * 1024);
    }

    private double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static boolean success(int status, String location) {
        return status == 302 && location != null && !location.isEmpty() && !location.contains("error");
    }

    static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                String value = header.substring(
                        name.length() + 1, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    static String form(String user, String password) {
        return "j_username=" + enc(user) + "&j_password=" + enc(password);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A raw HTTP/1.1 exchange from a chosen loopback address (HttpClient cannot bind its socket). */
    record Raw(int status, String head, String body) {

        static Raw send(String from, int port, String method, String path, String form, String cookie)
                throws IOException {
            try (Socket s = new Socket()) {
                s.setSoTimeout(30_000);
                s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
                s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
                byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
                StringBuilder req = new StringBuilder(method)
                        .append(' ')
                        .append(path)
                        .append(" HTTP/1.1\r\n")
                        .append("Host: 127.0.0.1:")
                        .append(port)
                        .append("\r\nAccept-Language: en\r\nConnection: close\r\n");
                if (cookie != null) {
                    req.append("Cookie: ").append(cookie).append("\r\n");
                }
                if (form != null) {
                    req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                            .append(body.length)
                            .append("\r\n");
                }
                req.append("\r\n");
                OutputStream o = s.getOutputStream();
                o.write(req.toString().getBytes(StandardCharsets.US_ASCII));
                o.write(body);
                o.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0 && all.size() < 4_000_000) {
                    all.write(buf, 0, n);
                }
                String text = all.toString(StandardCharsets.UTF_8);
                int split = text.indexOf("\r\n\r\n");
                String head = split < 0 ? text : text.substring(0, split);
                String rest = split < 0 ? "" : text.substring(split + 4);
                String[] first = head.split(" ", 3);
                int status = first.length > 1 ? Integer.parseInt(first[1].trim()) : -1;
                return new Raw(status, head, rest);
            }
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    // ---------------------------------------------------------------- misc

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
