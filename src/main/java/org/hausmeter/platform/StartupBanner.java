package org.hausmeter.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells the operator which database and Redis the server uses and where it answers. The launcher
 * starts the embedded servers before logging is set up, so their figures are logged from here.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @ConfigProperty(name = "hausmeter.embedded.data-dir")
    Optional<String> dataDir;

    @ConfigProperty(name = "hausmeter.embedded.postgres", defaultValue = "false")
    boolean embeddedPostgres;

    @ConfigProperty(name = "hausmeter.embedded.postgres-port", defaultValue = "0")
    int postgresPort;

    @ConfigProperty(name = "hausmeter.embedded.postgres-start-ms", defaultValue = "0")
    long postgresStartMs;

    @ConfigProperty(name = "hausmeter.embedded.postgres-new-cluster", defaultValue = "false")
    boolean newCluster;

    @ConfigProperty(name = "hausmeter.embedded.redis", defaultValue = "false")
    boolean embeddedRedis;

    @ConfigProperty(name = "hausmeter.embedded.redis-port", defaultValue = "0")
    int redisPort;

    @ConfigProperty(name = "hausmeter.embedded.redis-start-ms", defaultValue = "0")
    long redisStartMs;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @ConfigProperty(name = "quarkus.http.port")
    int port;
    /** False for the account commands (create-caretaker, reset-password): nothing is served. */
    @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true")
    boolean httpEnabled;

    @ConfigProperty(name = "quarkus.http.ssl-port", defaultValue = "8443")
    int sslPort;

    @ConfigProperty(name = "quarkus.http.ssl.certificate.files")
    Optional<List<String>> certificates;

    @ConfigProperty(name = SessionKey.TEMPORARY, defaultValue = "false")
    boolean temporarySessionKey;
    /** What the launcher had to do before starting the embedded servers (orphans stopped, permissions fixed). */
    @ConfigProperty(name = "hausmeter.embedded.notes")
    Optional<String> embeddedNotes;

    void servers(@Observes @Priority(5) StartupEvent event) {
        embeddedNotes.ifPresent(
                notes -> notes.lines().filter(line -> !line.isBlank()).forEach(LOG::warn));
        if (embeddedPostgres) {
            LOG.infof(
                    "Embedded PostgreSQL on 127.0.0.1:%d (%s, started in %d ms), files in [%s/postgres]",
                    postgresPort,
                    newCluster ? "new cluster" : "existing cluster",
                    postgresStartMs,
                    dataDir.orElse("?"));
        } else {
            LOG.infof("PostgreSQL: %s (configured, nothing embedded)", withoutCredentials(jdbcUrl));
        }
        if (embeddedRedis) {
            LOG.infof(
                    "Embedded Redis on 127.0.0.1:%d (started in %d ms), files in [%s/redis]",
                    redisPort, redisStartMs, dataDir.orElse("?"));
        } else {
            LOG.infof("Redis: %s (configured, nothing embedded)", withoutCredentials(redisHosts));
        }
        if (temporarySessionKey) {
            LOG.warn("No session key configured (HAUSMETER_SESSION_KEY) and no data directory in use: "
                    + "logins end when the server restarts");
        }
    }

    /**
     * {@code hausmeter_embedded_start_seconds{server="postgres"|"redis"}}: how long the launcher took
     * to start each embedded server before Quarkus booted (absent when the server is external).
     */
    void metrics(@Observes StartupEvent event, MeterRegistry registry) {
        if (embeddedPostgres) {
            gauge(registry, "postgres", postgresStartMs);
        }
        if (embeddedRedis) {
            gauge(registry, "redis", redisStartMs);
        }
    }

    private static void gauge(MeterRegistry registry, String server, long millis) {
        double seconds = millis / 1000.0;
        Gauge.builder("hausmeter.embedded.start", () -> seconds)
                .baseUnit("seconds")
                .tag("server", server)
                .description("Start time of the embedded server, before Quarkus booted")
                .register(registry);
    }

    void url(@Observes @Priority(1000) StartupEvent event) {
        if (!httpEnabled) {
            return;
        }
        if (certificates.isPresent() && sslPort != 0) {
            // Installed from the offline bundle: HTTPS, plain HTTP only redirects (docs/operator-guide.md).
            LOG.infof(
                    "Hausmeter is up: https://localhost%s/  (health: /q/health, metrics: /q/metrics)",
                    sslPort == 443 ? "" : ":" + sslPort);
        } else if (port != 0) {
            LOG.infof("Hausmeter is up: http://localhost:%d/  (health: /q/health, metrics: /q/metrics)", port);
        }
    }

    /** Drops user:password@ and password= parts, so logs never carry secrets. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//").replaceAll("(?i)password=[^&;]*", "password=***");
    }
}
