package org.hausmeter.live;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis answers PING within a second. Redis holds live values only: when it is down this check is
 * DOWN (live pages say so) while metering, billing and every page keep working.
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final boolean embedded;

    RedisHealthCheck(
            ReactiveRedisDataSource redis,
            @ConfigProperty(name = "hausmeter.embedded.redis", defaultValue = "false") boolean embedded) {
        this.redis = redis;
        this.embedded = embedded;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Redis").withData("embedded", embedded);
        long t0 = System.nanoTime();
        try {
            String pong = redis.execute("PING").map(r -> r.toString()).await().atMost(TIMEOUT);
            return b.status("PONG".equals(pong))
                    .withData("latency_ms", (System.nanoTime() - t0) / 1_000_000)
                    .build();
        } catch (RuntimeException e) {
            // The kind of failure only: a message may name hosts and ports, and /q/health is public.
            return b.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
