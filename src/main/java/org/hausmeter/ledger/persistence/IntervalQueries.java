package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Provenance;

/** Reads quarter-hour energy back (for the API, pages, billing). */
@ApplicationScoped
public class IntervalQueries {

    /** A quarter hour of one meter, Wh, with where it came from. */
    public record Interval(Instant start, long importWh, long exportWh, IntervalQuality quality, Provenance source) {}

    private final AgroalDataSource dataSource;

    IntervalQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Intervals in [from, to) of the meter(s) installed under {@code name}, oldest first, each with its provenance: an
     * imported row its source and line; a MEASURED row derived from counters the source of the reading that closes
     * its counter difference (the first reading more than 90 s after the quarter hour's start): the poller, the
     * caretaker (manual reading or exchange), or the CSV file and line of an imported counter; an ESTIMATED derived
     * row is the derivation's estimate over a gap.
     */
    public List<Interval> intervals(String name, Instant from, Instant to) {
        List<Interval> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT e.interval_start, e.import_wh, e.export_wh, e.quality, "
                                + ImportedIntervals.PROVENANCE_COLUMNS
                                + " FROM interval_energy e JOIN meter m ON m.id = e.meter_id"
                                + ImportedIntervals.PROVENANCE_JOINS
                                + " WHERE m.name = ? AND e.interval_start >= ? AND e.interval_start < ?"
                                + " ORDER BY e.interval_start")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IntervalQuality quality = IntervalQuality.valueOf(rs.getString(4));
                    Provenance source = ImportedIntervals.provenance(rs, 5, quality);
                    list.add(new Interval(
                            rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), quality, source));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading intervals of [" + name + "] failed: " + e.getMessage(), e);
        }
        return list;
    }
}
