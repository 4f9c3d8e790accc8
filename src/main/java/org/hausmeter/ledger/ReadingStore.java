package org.hausmeter.ledger;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The one way counter readings enter the ledger (poller, simulator back-fill, imports): batched,
 * idempotent inserts into {@code meter_reading}. A reading already stored for the same meter and
 * instant is kept as it is, so re-sending a batch changes nothing.
 */
@ApplicationScoped
public class ReadingStore {

    private static final int BATCH = 5_000;
    /** One statement per batch: arrays in, exact count of new rows out. */
    private static final String INSERT = "INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)"
            + " SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::text[])"
            + " ON CONFLICT (meter_id, read_at) DO NOTHING";

    private final AgroalDataSource dataSource;
    private final ReadingPartitions partitions;

    ReadingStore(AgroalDataSource dataSource, ReadingPartitions partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    /**
     * Stores the readings in one transaction; returns how many were new.
     *
     * @throws SQLException when the database refuses or is unreachable: nothing of the batch is stored
     */
    public int store(Collection<CounterReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return 0;
        }
        Instant min = readings.stream().map(CounterReading::readAt).min(Instant::compareTo).orElseThrow();
        Instant max = readings.stream().map(CounterReading::readAt).max(Instant::compareTo).orElseThrow();
        partitions.ensureCovering(min, max.plusNanos(1));
        int inserted = 0;
        List<CounterReading> all = List.copyOf(readings);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<CounterReading> part = all.subList(from, Math.min(all.size(), from + BATCH));
                    int n = part.size();
                    Long[] meters = new Long[n];
                    Timestamp[] at = new Timestamp[n];
                    Long[] imports = new Long[n];
                    Long[] exports = new Long[n];
                    String[] sources = new String[n];
                    for (int i = 0; i < n; i++) {
                        CounterReading r = part.get(i);
                        meters[i] = r.meterId();
                        at[i] = Timestamp.from(r.readAt());
                        imports[i] = r.importWh();
                        exports[i] = r.exportWh();
                        sources[i] = r.source().name();
                    }
                    ps.setArray(1, c.createArrayOf("bigint", meters));
                    ps.setArray(2, c.createArrayOf("timestamptz", at));
                    ps.setArray(3, c.createArrayOf("bigint", imports));
                    ps.setArray(4, c.createArrayOf("bigint", exports));
                    ps.setArray(5, c.createArrayOf("text", sources));
                    inserted += ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return inserted;
    }
}
