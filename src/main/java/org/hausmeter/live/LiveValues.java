package org.hausmeter.live;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Latest instantaneous power per meter in Redis: a hash with the newest value of each meter, a capped
 * stream with the recent history, and a pub/sub channel for pages that follow live values. Redis
 * being down is a state: writes are dropped (they are live values, the counters go to PostgreSQL)
 * and {@link #unavailableSince()} says since when.
 */
@ApplicationScoped
public class LiveValues {

    private static final Logger LOG = Logger.getLogger(LiveValues.class);
    public static final String LATEST = "hausmeter:live:latest";
    public static final String HISTORY = "hausmeter:live:history";
    public static final String CHANNEL = "hausmeter:live:changes";
    public static final String HEALTH = "hausmeter:meter:health";
    /** About 24 h of 10 s values for 100 meters. */
    private static final long HISTORY_MAX = 24L * 360 * 100;

    /** Power of one meter at an instant; positive = import (consumption), negative = export. */
    public record LivePower(String meter, long powerW, Instant at) {}

    private final RedisDataSource redis;
    private final Clock clock;
    private volatile Instant unavailableSince;

    LiveValues(RedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public void publish(Iterable<LivePower> values) {
        try {
            HashCommands<String, String, String> hash = redis.hash(String.class);
            StreamCommands<String, String, String> stream = redis.stream(String.class);
            Map<String, String> latest = new LinkedHashMap<>();
            for (LivePower v : values) {
                String encoded = v.powerW() + "|" + v.at().toEpochMilli();
                latest.put(v.meter(), encoded);
                stream.xadd(
                        HISTORY,
                        new XAddArgs().maxlen(HISTORY_MAX).nearlyExactTrimming(),
                        Map.of(
                                "meter",
                                v.meter(),
                                "w",
                                Long.toString(v.powerW()),
                                "at",
                                Long.toString(v.at().toEpochMilli())));
            }
            if (!latest.isEmpty()) {
                hash.hset(LATEST, latest);
                redis.pubsub(String.class).publish(CHANNEL, String.join(",", latest.keySet()));
            }
            if (unavailableSince != null) {
                LOG.infof("Redis is back; live values flow again (unavailable since %s)", unavailableSince);
                unavailableSince = null;
            }
        } catch (RuntimeException e) {
            if (unavailableSince == null) {
                unavailableSince = clock.instant();
                LOG.warnf("Redis unavailable, live values are not stored: %s", e.getMessage());
            }
        }
    }

    /** Stores each meter's health (a JSON object per meter) in the hash {@value #HEALTH}; dropped when Redis is down. */
    public void publishHealth(Map<String, String> healthJsonByMeter) {
        if (healthJsonByMeter.isEmpty()) {
            return;
        }
        try {
            redis.hash(String.class).hset(HEALTH, healthJsonByMeter);
        } catch (RuntimeException e) {
            if (unavailableSince == null) {
                unavailableSince = clock.instant();
                LOG.warnf("Redis unavailable, meter health is not stored: %s", e.getMessage());
            }
        }
    }

    /** Newest live value of every meter; empty when Redis is down. */
    public Map<String, LivePower> latest() {
        Map<String, LivePower> result = new LinkedHashMap<>();
        try {
            redis.hash(String.class).hgetall(LATEST).forEach((meter, encoded) -> {
                String[] parts = encoded.split("\\|");
                result.put(
                        meter,
                        new LivePower(meter, Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))));
            });
        } catch (RuntimeException e) {
            if (unavailableSince == null) {
                unavailableSince = clock.instant();
            }
        }
        return result;
    }

    public Optional<Instant> unavailableSince() {
        return Optional.ofNullable(unavailableSince);
    }
}
