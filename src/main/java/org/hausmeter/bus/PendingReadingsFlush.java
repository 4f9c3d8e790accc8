package org.hausmeter.bus;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.PendingReadings;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.jboss.logging.Logger;

/**
 * Writes polled readings to the database, and keeps those it does not take: in a Redis stream (on disk)
 * while PostgreSQL is down, written back when it is up again, oldest first; with Redis down too, in memory
 * for the next flush.
 */
@ApplicationScoped
public class PendingReadingsFlush {

    private static final Logger LOG = Logger.getLogger(PendingReadingsFlush.class);

    private final ReadingStore store;
    private final PendingReadings pending;
    private final ConcurrentLinkedDeque<CounterReading> unsaved = new ConcurrentLinkedDeque<>();

    PendingReadingsFlush(ReadingStore store, PendingReadings pending) {
        this.store = store;
        this.pending = pending;
    }

    /** Queues a reading for the next {@link #flush()}. */
    void add(CounterReading reading) {
        unsaved.add(reading);
    }

    /**
     * Writes waiting readings: first those kept in Redis from an earlier database outage (oldest first),
     * then the queued ones. What the database does not take goes to Redis; if Redis is down as well, it
     * stays in memory for the next flush.
     *
     * @return how many readings were stored
     */
    int flush() {
        int stored = 0;
        try {
            for (int i = 0; i < 1_000; i++) {
                PendingReadings.Batch waiting = pending.oldest();
                if (waiting.readings().isEmpty()) {
                    break;
                }
                stored += store.store(waiting.readings());
                pending.acknowledge(waiting);
                if (i == 0) {
                    LOG.infof("Database is back: writing the readings kept in Redis during the outage");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Readings kept in Redis stay there for now: %s", e.getMessage());
        }
        List<CounterReading> batch = new ArrayList<>(unsaved);
        if (batch.isEmpty()) {
            return stored;
        }
        try {
            stored += store.store(batch);
            unsaved.removeAll(batch);
        } catch (SQLException | RuntimeException e) {
            try {
                pending.add(batch);
                unsaved.removeAll(batch);
                LOG.warnf(
                        "Database did not take %d readings (%s): kept in Redis until it is back",
                        batch.size(), e.getMessage());
            } catch (RuntimeException redisDown) {
                LOG.warnf(
                        "Database and Redis unavailable: %d readings kept in memory for the next cycle (%s)",
                        unsaved.size(), e.getMessage());
            }
        }
        return stored;
    }
}
