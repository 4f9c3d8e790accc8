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
import org.hausmeter.ledger.IntervalValue;
import org.postgresql.PGConnection;

/**
 * Writes derived quarter-hour energy. Re-deriving a period replaces the MEASURED and ESTIMATED rows of
 * that meter and period in one transaction (so the same readings always leave the same rows);
 * IMPORTED and MANUAL rows are the caretaker's data and are never overwritten by a derivation.
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
                        + " AND interval_start >= ? AND interval_start < ? AND quality IN ('MEASURED', 'ESTIMATED')")) {
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
