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
     * (the resident's language on the export page; {@link Provenance#toString()} for the API).
     */
    public long exportIntervals(
            String username, Instant from, Instant to, Writer out, Function<Provenance, String> describe)
            throws SQLException, IOException {
        out.write("apartment,meter,interval_start_utc,import_kwh,export_kwh,quality,source\n");
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
                                + " ORDER BY e.interval_start, m.name")) {
            ps.setString(1, username);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setFetchSize(5_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder line = new StringBuilder(96);
                while (rs.next()) {
                    line.setLength(0);
                    line.append(rs.getString(1))
                            .append(',')
                            .append(rs.getString(2))
                            .append(',')
                            .append(rs.getTimestamp(3).toInstant())
                            .append(',')
                            .append(kwh(rs.getLong(4)))
                            .append(',')
                            .append(kwh(rs.getLong(5)))
                            .append(',')
                            .append(rs.getString(6))
                            .append(',');
                    csvField(
                            line,
                            describe.apply(
                                    ImportedIntervals.provenance(rs, 7, IntervalQuality.valueOf(rs.getString(6)))));
                    line.append('\n');
                    out.write(line.toString());
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
