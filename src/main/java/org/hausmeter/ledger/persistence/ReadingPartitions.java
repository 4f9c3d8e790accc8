package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.ledger.Intervals;
import org.jboss.logging.Logger;

/**
 * Keeps monthly partitions of {@code meter_reading} (UTC months) ready: at start and every night
 * for the current month and {@code hausmeter.partitions.months-ahead} months after it, and on
 * demand for older or later ranges (imports of historic data).
 */
@ApplicationScoped
public class ReadingPartitions {

    private static final Logger LOG = Logger.getLogger(ReadingPartitions.class);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final int monthsAhead;

    ReadingPartitions(
            AgroalDataSource dataSource,
            Clock clock,
            @ConfigProperty(name = "hausmeter.partitions.months-ahead") int monthsAhead) {
        if (monthsAhead < 1) {
            throw new IllegalArgumentException("hausmeter.partitions.months-ahead must be at least 1");
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.monthsAhead = monthsAhead;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        ensureAhead();
    }

    @Scheduled(cron = "0 7 0 * * ?", identity = "reading-partitions")
    void nightly() {
        ensureAhead();
    }

    /** Partitions for the current UTC month and the configured months ahead; returns how many were created. */
    public int ensureAhead() {
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        Instant from = Intervals.monthStart(now, ZoneOffset.UTC);
        Instant to = Intervals.monthStart(now.plusMonths(monthsAhead + 1L), ZoneOffset.UTC);
        int created = ensureCovering(from, to);
        if (created > 0) {
            LOG.infof(
                    "Created %d monthly partition(s) of meter_reading up to %s", created, now.plusMonths(monthsAhead));
        }
        return created;
    }

    /** Partitions covering [from, to), whole UTC months; returns how many were created. */
    public int ensureCovering(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT hausmeter_ensure_reading_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create meter_reading partitions for [" + from + ", " + to + "): " + e.getMessage(), e);
        }
    }
}
