package org.hausmeter.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Provenance;
import org.hausmeter.ledger.persistence.ImportedIntervals;
import org.jboss.logging.Logger;

/**
 * A resident's own data: the export of their apartment's quarter-hour energy for their tenancies, and
 * the removal of the person's data once their last tenancy ended more than
 * {@code hausmeter.privacy.retention} ago. The apartment's readings and intervals stay: they belong to
 * the apartment (and the next tenant's bills), not to the person.
 */
@ApplicationScoped
public class Privacy {

    private static final Logger LOG = Logger.getLogger(Privacy.class);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final AuditLog audit;
    private final Period retention;

    Privacy(
            AgroalDataSource dataSource,
            Clock clock,
            AuditLog audit,
            @ConfigProperty(name = "hausmeter.privacy.retention", defaultValue = "P3Y") Period retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.audit = audit;
        this.retention = retention;
    }

    /**
     * Writes the quarter hours of the apartment meters of {@code username}'s tenancies, each clipped to
     * the tenancy, within [from, to), as CSV (UTC interval start, kWh with 3 decimals). Returns the rows written.
     */
    public long exportIntervals(String username, Instant from, Instant to, Writer out)
            throws SQLException, IOException {
        return exportIntervals(username, from, to, out, Provenance::toString);
    }

    /**
     * The same, with each quarter hour's provenance in the last column {@code source} as {@code describe} words it
     * ({@link Provenance#toString()} for the API).
     */
    public long exportIntervals(
            String username, Instant from, Instant to, Writer out, Function<Provenance, String> describe)
            throws SQLException, IOException {
        out.write("apartment,meter,interval_start_utc,import_kwh,export_kwh,quality,source\n");
        StringBuilder line = new StringBuilder(96);
        return forEachInterval(username, from, to, r -> {
            line.setLength(0);
            line.append(r.apartment())
                    .append(',')
                    .append(r.meter())
                    .append(',')
                    .append(r.start())
                    .append(',')
                    .append(kwh(r.importWh()))
                    .append(',')
                    .append(kwh(r.exportWh()))
                    .append(',')
                    .append(r.quality().name())
                    .append(',');
            csvField(line, describe.apply(r.provenance()));
            line.append('\n');
            out.write(line.toString());
        });
    }

    /**
     * One quarter hour of a resident's export.
     *
     * @param apartment  the apartment's code
     * @param meter      the meter's name
     * @param start      start of the quarter hour
     * @param importWh   energy drawn, Wh
     * @param exportWh   energy fed back, Wh
     * @param quality    measured, estimated, imported …
     * @param provenance where the value came from
     */
    public record IntervalRow(
            String apartment,
            String meter,
            Instant start,
            long importWh,
            long exportWh,
            IntervalQuality quality,
            Provenance provenance) {}

    /** What receives the rows of {@link #forEachInterval}; may write. */
    @FunctionalInterface
    public interface RowSink {
        void accept(IntervalRow row) throws IOException;
    }

    /**
     * The quarter hours of the apartment meters of {@code username}'s tenancies, each clipped to the tenancy, within
     * [from, to), in order of start and meter name, to {@code sink}. Returns the rows handed over.
     */
    public long forEachInterval(String username, Instant from, Instant to, RowSink sink)
            throws SQLException, IOException {
        long rows = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT a.code, m.name, e.interval_start, e.import_wh, e.export_wh,"
                                + " e.quality, " + ImportedIntervals.PROVENANCE_COLUMNS
                                + " FROM account p JOIN tenancy t ON t.resident_id = p.id JOIN apartment a ON a.id = t.apartment_id"
                                + " JOIN meter m ON m.apartment_id = a.id AND m.role = 'APARTMENT'"
                                + " JOIN interval_energy e ON e.meter_id = m.id AND e.interval_start >= t.move_in"
                                + " AND (t.move_out IS NULL OR e.interval_start < t.move_out)"
                                + ImportedIntervals.PROVENANCE_JOINS
                                + " WHERE lower(p.username) = lower(?) AND e.interval_start >= ? AND e.interval_start < ?"
                                + " ORDER BY e.interval_start, a.code, m.name")) {
            ps.setString(1, username);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setFetchSize(5_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IntervalQuality quality = IntervalQuality.valueOf(rs.getString(6));
                    sink.accept(new IntervalRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getLong(4),
                            rs.getLong(5),
                            quality,
                            ImportedIntervals.provenance(rs, 7, quality)));
                    rows++;
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
        return rows;
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break. */
    private static void csvField(StringBuilder line, String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            line.append(text);
        } else {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
    }

    private static String kwh(long wh) {
        return java.math.BigDecimal.valueOf(wh, 3).toPlainString();
    }

    @Scheduled(cron = "0 45 1 * * ?", identity = "privacy-retention")
    void nightly() {
        try {
            eraseExpired();
        } catch (RuntimeException e) {
            LOG.error("Privacy retention run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the personal data of residents whose last tenancy ended before now − retention: name,
     * username, e-mail and login. Their tenancies stay (anonymous periods of the apartment). Returns the
     * ids of the accounts erased.
     */
    public List<Long> eraseExpired() {
        Instant cutoff = clock.instant()
                .atZone(java.time.ZoneOffset.UTC)
                .minus(retention)
                .toInstant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Account> expired = Account.list(
                    "role = ?1 and active = true and username not like 'erased-%' and id in"
                            + " (select t.resident.id from Tenancy t group by t.resident.id"
                            + " having count(case when t.moveOut is null then 1 end) = 0 and max(t.moveOut) < ?2)",
                    Role.RESIDENT, cutoff);
            List<Long> ids = new ArrayList<>();
            for (Account a : expired) {
                audit.record(
                        "system",
                        "privacy.erase",
                        "account:" + a.id,
                        Map.of("reason", "retention"),
                        Map.of("erased", true),
                        "last tenancy ended before " + cutoff + " (retention " + retention + ")");
                a.username = "erased-" + a.id;
                a.displayName = "Former resident";
                a.email = null;
                a.passwordHash = null;
                a.active = false;
                ids.add(a.id);
            }
            if (!ids.isEmpty()) {
                LOG.infof(
                        "Privacy: personal data of %d former resident(s) removed (retention %s)",
                        ids.size(), retention);
            }
            return ids;
        });
    }
}
