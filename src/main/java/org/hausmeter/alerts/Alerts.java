package org.hausmeter.alerts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Incidents and their e-mails. A check ({@link AlertChecks}) hands in what is wrong now, as conditions with a key;
 * a key not yet open opens an incident (one message), a key that is gone closes it (one recovery message), a key
 * that stays open sends nothing however often it is seen. At most {@code hausmeter.alerts.max-per-hour} messages
 * go out per hour; the rest wait for the next check, oldest first. Nothing at all happens unless
 * {@code hausmeter.alerts.enabled} is true (and then the Quarkus mailer needs the LAN's relay,
 * {@code quarkus.mailer.host}).
 */
@ApplicationScoped
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class);
    /** Kinds without a recovery message: notices, not faults. */
    static final Set<String> NO_RECOVERY = Set.of("drafts-ready");

    /** Something wrong now. {@code key} names the incident (kind:subject), {@code detail} is the message's text. */
    public record Condition(String key, String kind, String detail) {}

    /** What one evaluation did. */
    public record Report(int opened, int closed, int sent, int waiting) {}

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Mailer mailer;
    private final boolean enabled;
    private final List<String> configuredRecipients;
    private final int maxPerHour;

    Alerts(
            AgroalDataSource dataSource,
            Clock clock,
            Mailer mailer,
            @ConfigProperty(name = "hausmeter.alerts.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "hausmeter.alerts.to") Optional<List<String>> to,
            @ConfigProperty(name = "hausmeter.alerts.max-per-hour", defaultValue = "10") int maxPerHour) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.mailer = mailer;
        this.enabled = enabled;
        this.configuredRecipients = to.orElse(List.of()).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        this.maxPerHour = Math.max(1, maxPerHour);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Opens and closes incidents for what is wrong now, then sends what is due (within the hourly limit). */
    public synchronized Report evaluate(Collection<Condition> active) throws SQLException {
        if (!enabled) {
            return new Report(0, 0, 0, 0);
        }
        Instant now = clock.instant();
        Map<String, Condition> byKey = new LinkedHashMap<>();
        active.forEach(c -> byKey.putIfAbsent(c.key(), c));
        int opened = 0;
        int closed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, Long> open = new LinkedHashMap<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT key, id FROM alert_incident WHERE closed_at IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.put(rs.getString(1), rs.getLong(2));
                }
            }
            for (Condition cond : byKey.values()) {
                if (open.containsKey(cond.key())) {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE alert_incident SET last_seen_at = ?, detail = ? WHERE id = ?")) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setString(2, cond.detail());
                        ps.setLong(3, open.get(cond.key()));
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps =
                            c.prepareStatement("INSERT INTO alert_incident (key, kind, detail, opened_at,"
                                    + " last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
                        ps.setString(1, cond.key());
                        ps.setString(2, cond.kind());
                        ps.setString(3, cond.detail());
                        ps.setTimestamp(4, Timestamp.from(now));
                        ps.setTimestamp(5, Timestamp.from(now));
                        ps.executeUpdate();
                    }
                    opened++;
                }
            }
            for (var e : open.entrySet()) {
                if (!byKey.containsKey(e.getKey())) {
                    // A recovery is only worth a message if the incident's own message went out.
                    try (PreparedStatement ps = c.prepareStatement("UPDATE alert_incident SET closed_at = ?,"
                            + " recovery_skipped = (open_sent_at IS NULL OR kind = ANY (?)) WHERE id = ?")) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setArray(2, c.createArrayOf("text", NO_RECOVERY.toArray()));
                        ps.setLong(3, e.getValue());
                        ps.executeUpdate();
                    }
                    closed++;
                }
            }
            c.commit();
        }
        int[] sent = send(now);
        return new Report(opened, closed, sent[0], sent[1]);
    }

    /** One message waiting to go out. */
    private record Due(
            long id, boolean recovery, String kind, String key, String detail, Instant openedAt, Instant closedAt) {}

    /** Sends due messages within the hourly limit; returns {sent, still waiting}. */
    private int[] send(Instant now) throws SQLException {
        List<Due> due = new ArrayList<>();
        int sentLastHour;
        List<String> recipients;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT (SELECT count(*) FROM alert_incident WHERE open_sent_at > ?)"
                            + " + (SELECT count(*) FROM alert_incident WHERE recovery_sent_at > ?)")) {
                Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
                ps.setTimestamp(1, hourAgo);
                ps.setTimestamp(2, hourAgo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sentLastHour = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, recovery, kind, key, detail, opened_at, closed_at FROM ("
                                    + " SELECT id, false AS recovery, kind, key, detail, opened_at, closed_at, opened_at AS t FROM alert_incident"
                                    + " WHERE closed_at IS NULL AND open_sent_at IS NULL"
                                    + " UNION ALL SELECT id, true, kind, key, detail, opened_at, closed_at, closed_at FROM alert_incident"
                                    + " WHERE closed_at IS NOT NULL AND recovery_sent_at IS NULL AND NOT recovery_skipped) d ORDER BY t, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(
                            rs.getLong(1),
                            rs.getBoolean(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7) == null
                                    ? null
                                    : rs.getTimestamp(7).toInstant()));
                }
            }
            recipients = recipients(c);
        }
        if (due.isEmpty()) {
            return new int[] {0, 0};
        }
        if (recipients.isEmpty()) {
            LOG.warnf(
                    "%d alert message(s) waiting: no recipient (a caretaker account with an e-mail address, or"
                            + " hausmeter.alerts.to)",
                    due.size());
            return new int[] {0, due.size()};
        }
        int budget = Math.max(0, maxPerHour - sentLastHour);
        int sent = 0;
        for (Due d : due) {
            if (sent >= budget) {
                break;
            }
            try {
                mailer.send(message(d, recipients));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Alert e-mail not sent (relay unreachable?), tried again at the next check: %s",
                        e.getMessage());
                break;
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE alert_incident SET "
                            + (d.recovery() ? "recovery_sent_at" : "open_sent_at") + " = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, d.id());
                ps.executeUpdate();
            }
            sent++;
        }
        if (sent < due.size() && sent >= budget) {
            LOG.warnf("Alert e-mails limited to %d per hour: %d waiting", maxPerHour, due.size() - sent);
        }
        return new int[] {sent, due.size() - sent};
    }

    private Mail message(Due d, List<String> recipients) {
        String subject = (d.recovery() ? "Hausmeter: recovered: " : "Hausmeter: ") + title(d.kind()) + " ("
                + subject(d.key()) + ")";
        StringBuilder body = new StringBuilder();
        if (d.recovery()) {
            body.append("Recovered at ")
                    .append(d.closedAt())
                    .append(" (UTC). It began at ")
                    .append(d.openedAt())
                    .append(".\n\n")
                    .append("What was wrong: ")
                    .append(d.detail())
                    .append('\n');
        } else {
            body.append(d.detail())
                    .append("\n\nSince ")
                    .append(d.openedAt())
                    .append(" (UTC). You get one message now and one" + " when it is over, not one per check.\n");
        }
        body.append(
                "\nThe caretaker's overview has the details: /caretaker\n-- \nHausmeter (alerts: docs/operator-guide.md,"
                        + " \"E-mail alerts\")\n");
        Mail mail = new Mail().setSubject(subject).setText(body.toString());
        mail.setTo(new ArrayList<>(recipients));
        mail.addHeader("X-Hausmeter-Incident", d.key());
        return mail;
    }

    static String title(String kind) {
        return switch (kind) {
            case "meter-silent" -> "meter silent";
            case "bus-down" -> "bus down";
            case "balance-mismatch" -> "energy balance mismatch";
            case "backup-failed" -> "backup failed";
            case "disk-low" -> "disk space low";
            case "drafts-ready" -> "draft bills ready to review";
            default -> kind;
        };
    }

    private static String subject(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }

    /** Active caretakers with an e-mail address, then the configured addresses; each once. */
    private List<String> recipients(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT email FROM account WHERE role = 'CARETAKER' AND active"
                        + " AND email IS NOT NULL ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        out.addAll(configuredRecipients);
        return new ArrayList<>(out);
    }

    /** The open incidents (kind, key, detail, since), for pages and tests. */
    public List<Condition> open() throws SQLException {
        List<Condition> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT key, kind, detail FROM alert_incident WHERE closed_at IS NULL ORDER BY opened_at, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Condition(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
