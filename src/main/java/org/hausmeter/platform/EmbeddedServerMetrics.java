package org.hausmeter.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code hausmeter_embedded_start_seconds{server="postgres"|"redis"}}: how long the launcher took
 * to start each embedded server before Quarkus booted (absent when the server is external).
 */
@ApplicationScoped
public class EmbeddedServerMetrics {

    @ConfigProperty(name = "hausmeter.embedded.postgres", defaultValue = "false")
    boolean postgres;
    @ConfigProperty(name = "hausmeter.embedded.postgres-start-ms", defaultValue = "0")
    long postgresStartMs;
    @ConfigProperty(name = "hausmeter.embedded.redis", defaultValue = "false")
    boolean redis;
    @ConfigProperty(name = "hausmeter.embedded.redis-start-ms", defaultValue = "0")
    long redisStartMs;

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        if (postgres) {
            double seconds = postgresStartMs / 1000.0;
            Gauge.builder("hausmeter.embedded.start", () -> seconds).baseUnit("seconds").tag("server", "postgres")
                    .description("Start time of the embedded server, before Quarkus booted").register(registry);
        }
        if (redis) {
            double seconds = redisStartMs / 1000.0;
            Gauge.builder("hausmeter.embedded.start", () -> seconds).baseUnit("seconds").tag("server", "redis")
                    .description("Start time of the embedded server, before Quarkus booted").register(registry);
        }
    }
}
