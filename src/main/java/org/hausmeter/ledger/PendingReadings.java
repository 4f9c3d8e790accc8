package org.hausmeter.ledger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counter readings that PostgreSQL did not take (down, unreachable) wait in a Redis stream, which
 * Redis keeps on disk (append-only file), and are written when the database is back: a restart of the
 * server during a database outage loses nothing. Oldest first; a reading leaves the stream only after
 * the database has committed it.
 */
@ApplicationScoped
public class PendingReadings {

    public static final String STREAM = "hausmeter:readings:pending";
    private static final int BATCH = 5_000;

    /** A batch taken from the stream, with the entry ids to acknowledge after storing it. */
    public record Batch(List<CounterReading> readings, List<String> ids) {}

    private final RedisDataSource redis;

    PendingReadings(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Adds the readings to the stream; throws when Redis is unreachable too (the caller keeps them in memory). */
    public void add(List<CounterReading> readings) {
        for (CounterReading r : readings) {
            redis.stream(String.class)
                    .xadd(
                            STREAM,
                            Map.of(
                                    "meter",
                                    Long.toString(r.meterId()),
                                    "at",
                                    r.readAt().toString(),
                                    "import",
                                    Long.toString(r.importWh()),
                                    "export",
                                    r.exportWh() == null ? "" : r.exportWh().toString(),
                                    "source",
                                    r.source().name()));
        }
    }

    /** The oldest waiting readings (at most one batch); empty when none wait. */
    public Batch oldest() {
        List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                .xrange(STREAM, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"), BATCH);
        List<CounterReading> readings = new ArrayList<>(messages.size());
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            Map<String, String> f = m.payload();
            String export = f.get("export");
            readings.add(new CounterReading(
                    Long.parseLong(f.get("meter")),
                    Instant.parse(f.get("at")),
                    Long.parseLong(f.get("import")),
                    export == null || export.isEmpty() ? null : Long.parseLong(export),
                    ReadingSource.valueOf(f.get("source"))));
            ids.add(m.id());
        }
        return new Batch(readings, ids);
    }

    /** Removes stored readings from the stream. */
    public void acknowledge(Batch batch) {
        if (!batch.ids().isEmpty()) {
            redis.stream(String.class).xdel(STREAM, batch.ids().toArray(new String[0]));
        }
    }

    public long waiting() {
        return redis.stream(String.class).xlen(STREAM);
    }
}
