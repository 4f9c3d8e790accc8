package org.hausmeter.charging.ocpp;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.charging.ChargingException;

/**
 * The OCPP charge points the server knows (table {@code ocpp_charge_point}) and their connectors' live state: who
 * may connect (HTTP Basic against the bcrypt hash of the password the caretaker set), BootNotification data, and
 * the caretaker's accept / reject / set password (audited in the same transaction). Plain JDBC.
 */
@ApplicationScoped
public class ChargePoints {

    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    /** OCPP 1.6 security whitepaper: the AuthorizationKey has at least 16 bytes (at most 20 bytes in profile 1). */
    public static final int MIN_PASSWORD_BYTES = 16;

    public static final int MAX_PASSWORD_BYTES = 40;
    /** bcrypt cost of charge point passwords: checked at every connect, long random keys, so lower than accounts'. */
    static final int HASH_COST = 10;

    public record Admission(boolean admitted, String reason) {}

    public record ConnectorView(
            int connectorId,
            String status,
            String errorCode,
            String info,
            Instant statusAt,
            Long powerW,
            Long energyWh,
            Instant valuesAt) {}

    public record ChargePointView(
            String id,
            String status,
            boolean hasPassword,
            boolean connected,
            String vendor,
            String model,
            String serialNumber,
            String firmwareVersion,
            Instant firstSeenAt,
            Instant lastSeenAt,
            Instant acceptedAt,
            String acceptedBy,
            int localListVersion,
            List<ConnectorView> connectors) {}

    private final AgroalDataSource db;
    private final Clock clock;
    private final AuditLog audit;

    ChargePoints(AgroalDataSource db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    public static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9._~:-]{1,48}");
    }

    /** The handshake's check: a charge point with a password must send it with its own id as user name. */
    Admission admit(String id, Optional<String> user, Optional<String> password) throws SQLException {
        try (Connection c = db.getConnection()) {
            String hash = null;
            boolean known = false;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT password_hash FROM ocpp_charge_point WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        known = true;
                        hash = rs.getString(1);
                    }
                }
            }
            if (hash != null) {
                if (user.isEmpty() || password.isEmpty()) {
                    return new Admission(false, "Charge point " + id + " needs HTTP Basic authentication");
                }
                if (!user.get().equals(id)) {
                    return new Admission(false, "The user name must be the charge point id " + id);
                }
                if (!PasswordHasher.fitsBcrypt(password.get()) || !PasswordHasher.matches(password.get(), hash)) {
                    return new Admission(false, "Wrong password for charge point " + id);
                }
                return new Admission(true, "password");
            }
            if (!known) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ocpp_charge_point (id, status, first_seen_at) VALUES (?, 'PENDING', ?)"
                                + " ON CONFLICT (id) DO NOTHING")) {
                    ps.setString(1, id);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                    ps.executeUpdate();
                }
            }
            return new Admission(true, "no password set: pending");
        }
    }

    /** Stores a BootNotification's data; returns the charge point's status. */
    String boot(String id, String vendor, String model, String serial, String firmware) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE ocpp_charge_point SET vendor = ?, model = ?,"
                        + " serial_number = ?, firmware_version = ?, last_seen_at = ? WHERE id = ? RETURNING status")) {
            ps.setString(1, vendor);
            ps.setString(2, model);
            ps.setString(3, serial);
            ps.setString(4, firmware);
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.setString(6, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : PENDING;
            }
        }
    }

    /** The charge point's status; also notes that it was seen now. */
    String seen(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE ocpp_charge_point SET last_seen_at = ? WHERE id = ? RETURNING status")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : PENDING;
            }
        }
    }

    void connectorStatus(String id, int connector, String status, String errorCode, String info, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ocpp_connector"
                        + " (charge_point, connector_id, status, error_code, info, status_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (charge_point, connector_id) DO UPDATE SET status = excluded.status,"
                        + " error_code = excluded.error_code, info = excluded.info, status_at = excluded.status_at"
                        + " WHERE ocpp_connector.status_at <= excluded.status_at")) {
            ps.setString(1, id);
            ps.setInt(2, connector);
            ps.setString(3, status);
            ps.setString(4, errorCode);
            ps.setString(5, info);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    void connectorValues(String id, int connector, Long powerW, Long energyWh, Instant at) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ocpp_connector (charge_point, connector_id,"
                                + " status, error_code, status_at, power_w, energy_wh, values_at)"
                                + " VALUES (?, ?, 'Unknown', 'NoError', ?, ?, ?, ?)"
                                + " ON CONFLICT (charge_point, connector_id) DO UPDATE SET"
                                + " power_w = coalesce(excluded.power_w, ocpp_connector.power_w),"
                                + " energy_wh = coalesce(excluded.energy_wh, ocpp_connector.energy_wh),"
                                + " values_at = excluded.values_at"
                                + " WHERE ocpp_connector.values_at IS NULL OR ocpp_connector.values_at <= excluded.values_at")) {
            ps.setString(1, id);
            ps.setInt(2, connector);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setObject(4, powerW);
            ps.setObject(5, energyWh);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** Every charge point with its connectors; {@code connected} names the ids with a live connection. */
    public List<ChargePointView> list(java.util.function.Predicate<String> connected) {
        Map<String, List<ConnectorView>> connectors = new LinkedHashMap<>();
        List<ChargePointView> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT charge_point, connector_id, status, error_code,"
                            + " info, status_at, power_w, energy_wh, values_at FROM ocpp_connector"
                            + " ORDER BY charge_point, connector_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    connectors
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ConnectorView(
                                    rs.getInt(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    instant(rs.getTimestamp(6)),
                                    (Long) rs.getObject(7),
                                    (Long) rs.getObject(8),
                                    instant(rs.getTimestamp(9))));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status, password_hash IS NOT NULL, vendor,"
                            + " model, serial_number, firmware_version, first_seen_at, last_seen_at, accepted_at,"
                            + " accepted_by, local_list_version FROM ocpp_charge_point ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new ChargePointView(
                            id,
                            rs.getString(2),
                            rs.getBoolean(3),
                            connected.test(id),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)),
                            instant(rs.getTimestamp(10)),
                            rs.getString(11),
                            rs.getInt(12),
                            connectors.getOrDefault(id, List.of())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public Optional<ChargePointView> find(String id, java.util.function.Predicate<String> connected) {
        return list(connected).stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** Ids of the ACCEPTED charge points. */
    List<String> accepted() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT id FROM ocpp_charge_point WHERE status = 'ACCEPTED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * The caretaker accepts a charge point. A password is needed: the one given here (≥ 16 bytes), or one set before.
     */
    public void accept(String id, String password, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            String before = statusOf(id);
            if (password != null) {
                storePassword(id, password);
            }
            if (!hasPassword(id)) {
                throw new ChargingException(
                        ChargingException.Kind.INVALID,
                        "Charge point " + id + " needs a password (at least " + MIN_PASSWORD_BYTES
                                + " bytes) before it is accepted");
            }
            update(
                    "UPDATE ocpp_charge_point SET status = 'ACCEPTED', accepted_at = ?, accepted_by = ? WHERE id = ?",
                    Timestamp.from(clock.instant()),
                    actor,
                    id);
            audit.record(
                    actor,
                    "ocpp.accept",
                    "charge-point:" + id,
                    Map.of("status", before),
                    Map.of("status", ACCEPTED),
                    null);
        });
    }

    public void reject(String id, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            String before = statusOf(id);
            update(
                    "UPDATE ocpp_charge_point SET status = 'REJECTED', accepted_at = NULL, accepted_by = NULL"
                            + " WHERE id = ?",
                    id);
            audit.record(
                    actor,
                    "ocpp.reject",
                    "charge-point:" + id,
                    Map.of("status", before),
                    Map.of("status", REJECTED),
                    null);
        });
    }

    /** The caretaker sets a charge point's password (stored as a bcrypt hash; the old one stops working at once). */
    public void setPassword(String id, String password, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            statusOf(id);
            storePassword(id, password);
            audit.record(actor, "ocpp.password", "charge-point:" + id, null, Map.of("password", "set"), null);
        });
    }

    private void storePassword(String id, String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES) {
            throw new ChargingException(
                    ChargingException.Kind.INVALID,
                    "A charge point password has " + MIN_PASSWORD_BYTES + " to " + MAX_PASSWORD_BYTES
                            + " bytes (OCPP AuthorizationKey), not " + bytes);
        }
        if (!password.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw new ChargingException(
                    ChargingException.Kind.INVALID, "A charge point password uses printable ASCII without blanks");
        }
        update(
                "UPDATE ocpp_charge_point SET password_hash = ? WHERE id = ?",
                PasswordHasher.hash(password, HASH_COST),
                id);
    }

    private String statusOf(String id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM ocpp_charge_point WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ChargingException(ChargingException.Kind.NOT_FOUND, "No charge point [" + id + "]");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean hasPassword(String id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT password_hash IS NOT NULL FROM ocpp_charge_point WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local list as last confirmed: version and the JSON of idTag → {status, expiryDate}. */
    record StoredList(int version, String json) {}

    StoredList localList(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT local_list_version, local_list::text FROM ocpp_charge_point WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredList(rs.getInt(1), rs.getString(2)) : new StoredList(0, "{}");
            }
        }
    }

    void storeLocalList(String id, int version, String json) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE ocpp_charge_point SET local_list_version = ?, local_list = ?::jsonb WHERE id = ?")) {
            ps.setInt(1, version);
            ps.setString(2, json);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    void configured(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE ocpp_charge_point SET configured_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** A transaction whose StopTransaction has not arrived (an open charging session on a connector). */
    public record OpenTransaction(
            int transactionId, long sessionId, int connectorId, String idTag, long meterStart, Instant startedAt) {}

    /** The charge point's accepted transactions without a stop, oldest first. */
    public List<OpenTransaction> openTransactions(String id) {
        List<OpenTransaction> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, session_id, connector_id, id_tag, meter_start,"
                        + " started_at FROM ocpp_transaction WHERE charge_point = ? AND session_id IS NOT NULL"
                        + " AND stopped_at IS NULL AND stop_reason IS DISTINCT FROM '"
                        + OcppTransactions.ENDED_BY_CARETAKER + "' ORDER BY started_at, id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OpenTransaction(
                            rs.getInt(1),
                            rs.getLong(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getLong(5),
                            instant(rs.getTimestamp(6))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
