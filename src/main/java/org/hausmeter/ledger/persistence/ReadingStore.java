package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import org.hausmeter.ledger.CounterReading;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The one way counter readings enter the ledger (poller, simulator history, imports): PostgreSQL's
 * COPY into a temporary table, then one {@code INSERT ... ON CONFLICT DO NOTHING} into
 * {@code meter_reading}, all in one transaction. A reading already stored for the same meter and
 * instant is kept as it is, so re-sending a batch changes nothing; a batch is stored whole or not at all.
 */
@ApplicationScoped
public class ReadingStore {

    private static final String STAGE =
            "CREATE TEMP TABLE IF NOT EXISTS reading_in (meter_id bigint, read_at timestamptz,"
                    + " import_wh bigint, export_wh bigint, source text) ON COMMIT DELETE ROWS";
    private static final String COPY = "COPY reading_in (meter_id, read_at, import_wh, export_wh, source) FROM STDIN";
    private static final String MERGE = "INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)"
            + " SELECT meter_id, read_at, import_wh, export_wh, source FROM reading_in"
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
        Instant min = readings.stream()
                .map(CounterReading::readAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant max = readings.stream()
                .map(CounterReading::readAt)
                .max(Instant::compareTo)
                .orElseThrow();
        partitions.ensureCovering(min, max.plusMillis(1));
        try (Connection c = dataSource.getConnection()) {
            return copyIn(c, readings);
        }
    }

    /**
     * The bulk path on a plain connection (partitions must exist): COPY into a staging table, one
     * idempotent insert, commit. Returns how many readings were new.
     */
    public static int copyIn(Connection c, Collection<CounterReading> readings) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(STAGE);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(COPY, new CopyText(readings.iterator()));
            int inserted = st.executeUpdate(MERGE);
            c.commit();
            return inserted;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            if (e instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("Storing " + readings.size() + " readings failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Readings as COPY text format, produced lazily row by row. */
    public static final class CopyText extends Reader {
        private final Iterator<CounterReading> rows;
        private final StringBuilder buffer = new StringBuilder(256);
        private int pos;

        public CopyText(Iterator<CounterReading> rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            int written = 0;
            while (written < len) {
                if (pos == buffer.length()) {
                    if (!rows.hasNext()) {
                        break;
                    }
                    buffer.setLength(0);
                    pos = 0;
                    CounterReading r = rows.next();
                    buffer.append(r.meterId())
                            .append('\t')
                            .append(r.readAt())
                            .append('\t')
                            .append(r.importWh())
                            .append('\t')
                            .append(r.exportWh() == null ? "\\N" : r.exportWh().toString())
                            .append('\t')
                            .append(r.source().name())
                            .append('\n');
                }
                int n = Math.min(len - written, buffer.length() - pos);
                buffer.getChars(pos, pos + n, cbuf, off + written);
                pos += n;
                written += n;
            }
            return written == 0 && len > 0 ? -1 : written;
        }

        @Override
        public void close() {}
    }
}
