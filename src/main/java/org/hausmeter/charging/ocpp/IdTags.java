package org.hausmeter.charging.ocpp;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.charging.CardUid;
import org.hausmeter.charging.Reason;
import org.hausmeter.charging.TapRules;

/**
 * An OCPP idTag judged by the one card registry ({@code charging_card}) and the same rules as a tap
 * ({@link TapRules}): the idTag is the card UID in hex (CiString20: case does not matter); blocked, expired,
 * no running tenancy and unknown cards are refused; a card charging at another charger is ConcurrentTx. The rules
 * are applied at the instant the charge point names, so a transaction that arrives late (offline) is judged as it
 * was then: a card blocked after the transaction began does not undo it, and only a session open at that instant
 * makes it ConcurrentTx.
 */
@ApplicationScoped
public class IdTags {

    /** The card as the registry has it, and the OCPP status with the decision's reason and text. */
    public record Verdict(
            String status,
            Reason reason,
            String message,
            CardUid uid,
            Long cardId,
            Long residentId,
            Long tenancyId,
            Optional<Instant> expiry) {
        public boolean accepted() {
            return status.equals("Accepted");
        }
    }

    private final AgroalDataSource db;
    private final BuildingSettings settings;

    IdTags(AgroalDataSource db, BuildingSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    ZoneId zone() {
        return settings.current().zone();
    }

    /**
     * @param chargePoint the charge point asking; a card whose open session runs on one of its connectors is
     *                    Accepted (the driver stops with it)
     */
    public Verdict decide(String idTag, String chargePoint, Instant at) {
        CardUid uid;
        try {
            uid = CardUid.parse(idTag);
        } catch (IllegalArgumentException e) {
            return new Verdict(
                    "Invalid",
                    Reason.UNKNOWN_CARD,
                    "idTag " + idTag + ": " + e.getMessage(),
                    null,
                    null,
                    null,
                    null,
                    Optional.empty());
        }
        try (Connection c = db.getConnection()) {
            Long cardId = null;
            Long residentId = null;
            Long tenancyId = null;
            Optional<TapRules.Card> card = Optional.empty();
            Optional<LocalDate> expiresOn = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.resident_id, a.display_name, c.blocked_at,"
                    + " c.blocked_reason, c.expires_on FROM charging_card c JOIN account a ON a.id = c.resident_id"
                    + " WHERE c.uid = ?")) {
                ps.setString(1, uid.hex());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        cardId = rs.getLong(1);
                        residentId = rs.getLong(2);
                        Timestamp blocked = rs.getTimestamp(4);
                        Date expires = rs.getDate(6);
                        expiresOn = Optional.ofNullable(expires).map(Date::toLocalDate);
                        tenancyId = tenancy(c, residentId, at);
                        Optional<Instant> blockedAt = Optional.ofNullable(blocked)
                                .map(Timestamp::toInstant)
                                .filter(b -> !b.isAfter(at));
                        card = Optional.of(new TapRules.Card(
                                uid,
                                rs.getString(3),
                                blockedAt,
                                blockedAt.isPresent() ? Optional.ofNullable(rs.getString(5)) : Optional.empty(),
                                expiresOn,
                                tenancyId != null));
                    }
                }
            }
            Optional<TapRules.OpenSession> own = Optional.empty();
            Optional<TapRules.OpenSession> elsewhere = Optional.empty();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, charger FROM charging_session WHERE card_uid = ? AND status = 'OPEN'"
                            + " AND started_at <= ? ORDER BY started_at DESC LIMIT 1")) {
                ps.setString(1, uid.hex());
                ps.setTimestamp(2, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        TapRules.OpenSession s = new TapRules.OpenSession(rs.getLong(1), rs.getString(2), uid);
                        if (OcppTransactions.onChargePoint(s.charger(), chargePoint)) {
                            own = Optional.of(s);
                        } else {
                            elsewhere = Optional.of(s);
                        }
                    }
                }
            }
            TapRules.Decision d = TapRules.decide(new TapRules.Tap(
                    uid,
                    chargePoint,
                    at,
                    zone(),
                    card,
                    own,
                    elsewhere,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ZERO,
                    true));
            String status = switch (d.reason()) {
                case START, STOP_BY_CARD -> "Accepted";
                case BLOCKED -> "Blocked";
                case EXPIRED -> "Expired";
                case CARD_IN_USE -> "ConcurrentTx";
                default -> "Invalid";
            };
            ZoneId zone = zone();
            return new Verdict(
                    status,
                    d.reason(),
                    d.message(),
                    uid,
                    cardId,
                    residentId,
                    tenancyId,
                    expiresOn.map(e -> e.plusDays(1).atStartOfDay(zone).toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Long tenancy(Connection c, long residentId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenancy WHERE resident_id = ? AND move_in <= ?"
                + " AND (move_out IS NULL OR move_out > ?) ORDER BY move_in DESC LIMIT 1")) {
            ps.setLong(1, residentId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
