package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.IntervalValue;
import org.hausmeter.ledger.Provenance;
import org.postgresql.PGConnection;

/**
 * Writes derived quarter-hour energy. Re-deriving a period replaces the MEASURED and ESTIMATED rows of
 * that meter and period in one transaction (so the same readings always leave the same rows);
 * IMPORTED and MANUAL rows, and every row with a source (imported, also ESTIMATED ones spread from an hourly file),
 * are the caretaker's data and are never overwritten by a derivation: derived rows are exactly those without a
 * {@code source_id}, so the derivation can always rebuild them.
 *
 * <p>Imported quarter hours with their provenance: {@link #storeImported} (one call, own transaction), or
 * {@link ImportedIntervals} on the caller's connection for streaming.
 */
@ApplicationScoped
public class IntervalStore {

    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS interval_in (meter_id bigint,"
            + " interval_start timestamptz, import_wh bigint, export_wh bigint, quality text) ON COMMIT DELETE ROWS";

    private final AgroalDataSource dataSource;

    IntervalStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One meter's derived rows for [from, to). */
    public record MeterRows(long meterId, Instant from, Instant to, List<IntervalValue> rows) {}

    /**
     * One imported quarter hour.
     *
     * @param exportWh null when the source has no export value
     * @param quality  IMPORTED (ESTIMATED when spread from a coarser resolution, MANUAL when typed)
     * @param position line (CSV) or position (MSCONS) in the source, 1-based; 0 for none
     */
    public record ImportedQuarterHour(
            long meterId,
            Instant intervalStart,
            long importWh,
            Long exportWh,
            IntervalQuality quality,
            long position) {}

    /**
     * Stores the quarter hours of one source (a CSV file, an MSCONS message) with its provenance in one transaction.
     * Stored values that differ are conflicts: {@link ImportedIntervals.OnConflict#REFUSE} stores nothing and returns
     * them ({@code stored == false}), KEEP keeps the stored values, REPLACE overwrites them (reason required, audited).
     * Values equal to the stored ones leave the stored row as it is.
     *
     * @param source kind CSV or MSCONS with file name / message reference and who imported it
     * @param sha256 lower-case hex SHA-256 of the file or message, or null
     */
    public ImportedIntervals.Result storeImported(
            Provenance source,
            String sha256,
            Iterable<ImportedQuarterHour> rows,
            ImportedIntervals.OnConflict onConflict,
            String reason)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ImportedIntervals.Result result;
                try (ImportedIntervals w = ImportedIntervals.open(c, source, sha256)) {
                    for (ImportedQuarterHour q : rows) {
                        w.add(q.meterId(), q.intervalStart(), q.importWh(), q.exportWh(), q.quality(), q.position());
                    }
                    result = w.finish(onConflict, reason);
                }
                if (result.stored()) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Replaces the derived rows of each meter's period; returns the number of rows written. */
    public int replaceDerived(List<MeterRows> meters) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return replaceDerived(c, meters);
        }
    }

    /** The same on a plain connection (benchmarks). */
    public static int replaceDerived(Connection c, List<MeterRows> meters) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement();
                PreparedStatement delete = c.prepareStatement("DELETE FROM interval_energy WHERE meter_id = ?"
                        + " AND interval_start >= ? AND interval_start < ? AND quality IN ('MEASURED', 'ESTIMATED')"
                        + " AND source_id IS NULL")) {
            st.execute(STAGE);
            StringBuilder copy = new StringBuilder();
            for (MeterRows m : meters) {
                delete.setLong(1, m.meterId());
                delete.setTimestamp(2, Timestamp.from(m.from()));
                delete.setTimestamp(3, Timestamp.from(m.to()));
                delete.addBatch();
                for (IntervalValue v : m.rows()) {
                    copy.append(m.meterId())
                            .append('\t')
                            .append(v.intervalStart())
                            .append('\t')
                            .append(v.importWh())
                            .append('\t')
                            .append(v.exportWh())
                            .append('\t')
                            .append(v.quality().name())
                            .append('\n');
                }
            }
            delete.executeBatch();
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY interval_in (meter_id, interval_start, import_wh, export_wh, quality) FROM STDIN",
                            new StringReader(copy.toString()));
            int written =
                    st.executeUpdate("INSERT INTO interval_energy (meter_id, interval_start, import_wh, export_wh,"
                            + " quality) SELECT meter_id, interval_start, import_wh, export_wh, quality FROM interval_in"
                            + " ON CONFLICT (meter_id, interval_start) DO NOTHING");
            c.commit();
            return written;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            if (e instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("Writing interval energy failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
