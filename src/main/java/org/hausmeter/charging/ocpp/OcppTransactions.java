package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.charging.Outcome;
import org.hausmeter.charging.Reason;
import org.hausmeter.charging.SessionRules;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * OCPP transactions as charging sessions. StartTransaction: the idTag is judged at the transaction's own timestamp
 * ({@link IdTags}); an accepted one becomes an OPEN {@code charging_session} (card, resident, tenancy, start Wh =
 * meterStart) on the connector's charger ({@link #chargerId}); every StartTransaction gets an
 * {@code ocpp_transaction} row, and the same one repeated (charge point, connector, meterStart, timestamp) gets
 * the same transactionId, so a transaction sent again after a reconnect is billed once. StopTransaction closes
 * the session (end Wh = meterStop; CLOSED or FLAGGED by {@link SessionRules#close}). MeterValues, the start and
 * stop counters and transactionData enter the ledger as counter readings (source OCPP) of the charger's OCPP meter,
 * so the quarter hours, and with them the solar share, come from the same derivation as a Modbus meter's. Where
 * the charger has a meter on the bus (its MID meter), that meter is the session's meter and OCPP values do not enter
 * the ledger.
 */
@ApplicationScoped
public class OcppTransactions {

    private static final Logger LOG = Logger.getLogger(OcppTransactions.class);
    static final String ENERGY = "Energy.Active.Import.Register";
    static final String POWER = "Power.Active.Import";

    private final AgroalDataSource db;
    private final IdTags idTags;
    private final DecisionLog decisions;
    private final ReadingStore readings;
    private final LedgerDerivation derivation;
    private final ChargePoints chargePoints;
    private final Clock clock;
    private final org.hausmeter.audit.AuditLog audit;
    private final org.hausmeter.charging.ChargingConfig config;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Quarter hours are derived after the answer went out, one derivation at a time. */
    private final java.util.concurrent.ExecutorService ledger =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ocpp-ledger");
                t.setDaemon(true);
                return t;
            });

    OcppTransactions(
            AgroalDataSource db,
            IdTags idTags,
            DecisionLog decisions,
            ReadingStore readings,
            LedgerDerivation derivation,
            ChargePoints chargePoints,
            Clock clock,
            org.hausmeter.audit.AuditLog audit,
            org.hausmeter.charging.ChargingConfig config) {
        this.config = config;
        this.db = db;
        this.idTags = idTags;
        this.decisions = decisions;
        this.readings = readings;
        this.derivation = derivation;
        this.chargePoints = chargePoints;
        this.clock = clock;
        this.audit = audit;
    }

    /** The charger id of a connector: the charge point id for connector 1, {@code id-N} for connector N ≥ 2. */
    public static String chargerId(String chargePoint, int connector) {
        return connector <= 1 ? chargePoint : chargePoint + "-" + connector;
    }

    /** Whether {@code charger} is one of the connectors of {@code chargePoint} ({@link #chargerId}). */
    static boolean onChargePoint(String charger, String chargePoint) {
        return charger.equals(chargePoint)
                || (charger.startsWith(chargePoint + "-")
                        && charger.substring(chargePoint.length() + 1).matches("[2-9][0-9]*|[1-9][0-9]+"));
    }

    /** The charger's meter: its meter on the bus (MID) when it has one, else its OCPP meter. */
    record ChargerMeter(long id, String name, boolean ocpp) {}

    ChargerMeter meter(Connection c, String charger, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, import_only, installed_at FROM meter"
                + " WHERE role = 'CHARGER' AND charger = ? AND removed_at IS NULL ORDER BY import_only, id LIMIT 1")) {
            ps.setString(1, charger);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    ChargerMeter m = new ChargerMeter(rs.getLong(1), rs.getString(2), rs.getBoolean(3));
                    if (m.ocpp() && rs.getTimestamp(4).toInstant().isAfter(at)) {
                        // A transaction from before the charge point was accepted (it charged offline): its meter
                        // counts from the quarter hour the transaction began.
                        try (PreparedStatement up =
                                c.prepareStatement("UPDATE meter SET installed_at = ? WHERE id = ?")) {
                            up.setTimestamp(1, Timestamp.from(Intervals.floor(at)));
                            up.setLong(2, m.id());
                            up.executeUpdate();
                        }
                    }
                    return m;
                }
            }
        }
        String name = "ocpp-" + charger.replaceAll("[^A-Za-z0-9._-]", "_");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO meter (name, model, role, charger, installed_at,"
                + " import_only) VALUES (?, 'ocpp', 'CHARGER', ?, ?, true) RETURNING id")) {
            ps.setString(1, name.length() > 64 ? name.substring(0, 64) : name);
            ps.setString(2, charger);
            ps.setTimestamp(3, Timestamp.from(Intervals.floor(at.isBefore(clock.instant()) ? at : clock.instant())));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LOG.infof(
                        "OCPP: charger [%s] has no meter on the bus: its energy register is meter [%s]", charger, name);
                return new ChargerMeter(rs.getLong(1), name, true);
            }
        }
    }

    private ReentrantLock lock(String chargePoint) {
        return locks.computeIfAbsent(chargePoint, k -> new ReentrantLock(true));
    }

    private record Started(
            int transactionId,
            IdTags.Verdict verdict,
            Long sessionId,
            String message,
            boolean repeated,
            ChargerMeter meter) {}

    ObjectNode start(String cp, int connector, String idTag, long meterStart, Instant at) {
        ReentrantLock lock = lock(cp);
        lock.lock();
        Started s;
        try {
            s = QuarkusTransaction.requiringNew().call(() -> startTx(cp, connector, idTag, meterStart, at));
        } finally {
            lock.unlock();
        }
        String charger = chargerId(cp, connector);
        if (!s.repeated()) {
            decisions.record(
                    charger,
                    null,
                    s.verdict().uid() == null ? null : s.verdict().uid().hex(),
                    DecisionLog.Origin.OCPP,
                    s.verdict().accepted() ? Outcome.STARTED : Outcome.REFUSED,
                    s.verdict().reason(),
                    "OCPP transaction " + s.transactionId() + ": " + s.message(),
                    s.sessionId(),
                    s.verdict().residentId());
            if (s.meter() != null && s.meter().ocpp()) {
                store(List.of(new CounterReading(s.meter().id(), at, meterStart, null, ReadingSource.OCPP)), s.meter());
            }
        } else {
            LOG.infof(
                    "OCPP: %s repeated StartTransaction %d (after a reconnect): same answer",
                    LogSafe.quoted(cp), s.transactionId());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("idTagInfo", idTagInfo(s.verdict()));
        out.put("transactionId", s.transactionId());
        return out;
    }

    private Started startTx(String cp, int connector, String idTag, long meterStart, Instant at) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, auth_status, session_id FROM ocpp_transaction"
                    + " WHERE charge_point = ? AND connector_id = ? AND meter_start = ? AND started_at = ?")) {
                ps.setString(1, cp);
                ps.setInt(2, connector);
                ps.setLong(3, meterStart);
                ps.setTimestamp(4, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        IdTags.Verdict v = idTags.decide(idTag, cp, at);
                        IdTags.Verdict same = new IdTags.Verdict(
                                rs.getString(2),
                                v.reason(),
                                v.message(),
                                v.uid(),
                                v.cardId(),
                                v.residentId(),
                                v.tenancyId(),
                                v.expiry());
                        return new Started(rs.getInt(1), same, (Long) rs.getObject(3), v.message(), true, null);
                    }
                }
            }
            String charger = chargerId(cp, connector);
            IdTags.Verdict v = idTags.decide(idTag, cp, at);
            Long sessionId = null;
            String message = v.message();
            ChargerMeter meter = null;
            if (v.accepted()) {
                meter = meter(c, charger, at);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO charging_session (charger, meter_id,"
                                + " card_uid, card_id, resident_id, tenancy_id, started_at, start_wh, status, seen_power, source,"
                                + " card_group, charge_mode)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', false, 'OCPP',"
                                + " coalesce((SELECT card_group FROM charging_card WHERE id = ?), 'RESIDENT'), ?) RETURNING id")) {
                    ps.setString(1, charger);
                    ps.setLong(2, meter.id());
                    ps.setString(3, v.uid().hex());
                    ps.setObject(4, v.cardId());
                    ps.setLong(5, v.residentId());
                    ps.setLong(6, v.tenancyId());
                    ps.setTimestamp(7, Timestamp.from(at));
                    ps.setLong(8, meterStart);
                    // the card's price group and the default charge mode, as for a tap (ChargingService)
                    ps.setObject(9, v.cardId(), java.sql.Types.BIGINT);
                    ps.setString(10, config.power().defaultMode().name());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sessionId = rs.getLong(1);
                    }
                }
                message = message + " at " + meterStart + " Wh (" + at + ")";
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ocpp_transaction (charge_point, connector_id,"
                    + " id_tag, meter_start, started_at, received_at, auth_status, session_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, cp);
                ps.setInt(2, connector);
                ps.setString(3, idTag);
                ps.setLong(4, meterStart);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                ps.setString(7, v.status());
                ps.setObject(8, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Started(rs.getInt(1), v, sessionId, message, false, meter);
                }
            }
        }
    }

    private record Stopped(
            Long sessionId,
            String charger,
            String uid,
            Long residentId,
            SessionRules.Closing closing,
            String message,
            boolean repeated,
            Instant startedAt,
            ChargerMeter meter) {}

    ObjectNode stop(
            String cp,
            int transactionId,
            long meterStop,
            Instant at,
            String reason,
            String idTag,
            JsonNode transactionData) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (idTag != null) {
            out.set("idTagInfo", idTagInfo(idTags.decide(idTag, cp, at)));
        }
        String signed = signedData(transactionData);
        ReentrantLock lock = lock(cp);
        lock.lock();
        Stopped s;
        try {
            s = QuarkusTransaction.requiringNew().call(() -> stopTx(cp, transactionId, meterStop, at, reason, signed));
        } finally {
            lock.unlock();
        }
        if (s == null) {
            LOG.warnf(
                    "OCPP: %s stopped transaction %d, which it never started here", LogSafe.quoted(cp), transactionId);
            return out;
        }
        if (s.repeated()) {
            return out;
        }
        if (s.sessionId() != null) {
            decisions.record(
                    s.charger(),
                    null,
                    s.uid(),
                    DecisionLog.Origin.OCPP,
                    s.closing().billable() ? Outcome.STOPPED : Outcome.FLAGGED,
                    reasonOf(reason),
                    s.message(),
                    s.sessionId(),
                    s.residentId());
        }
        if (s.meter() != null && s.meter().ocpp()) {
            List<CounterReading> rs = new ArrayList<>(energyReadings(s.meter().id(), transactionData));
            rs.add(new CounterReading(s.meter().id(), at, meterStop, null, ReadingSource.OCPP));
            store(rs, s.meter());
            derive(s.meter(), s.startedAt(), at);
        }
        return out;
    }

    private Stopped stopTx(String cp, int transactionId, long meterStop, Instant at, String reason, String signed)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            Long sessionId;
            int connector;
            long meterStart;
            Instant startedAt;
            boolean endedByCaretaker;
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, connector_id, meter_start, started_at,"
                    + " stopped_at, stop_reason FROM ocpp_transaction WHERE id = ? AND charge_point = ? FOR UPDATE")) {
                ps.setInt(1, transactionId);
                ps.setString(2, cp);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    sessionId = (Long) rs.getObject(1);
                    connector = rs.getInt(2);
                    meterStart = rs.getLong(3);
                    startedAt = rs.getTimestamp(4).toInstant();
                    if (rs.getTimestamp(5) != null) {
                        return new Stopped(sessionId, null, null, null, null, null, true, startedAt, null);
                    }
                    endedByCaretaker = ENDED_BY_CARETAKER.equals(rs.getString(6));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ocpp_transaction SET meter_stop = ?, stopped_at = ?,"
                    + " stop_reason = ?, signed_data = ? WHERE id = ?")) {
                ps.setLong(1, meterStop);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, reason == null ? "Local" : reason);
                ps.setString(4, signed);
                ps.setInt(5, transactionId);
                ps.executeUpdate();
            }
            String charger = chargerId(cp, connector);
            ChargerMeter meter = meter(c, charger, startedAt);
            if (sessionId == null) {
                return new Stopped(null, charger, null, null, null, null, false, startedAt, meter);
            }
            SessionRules.Closing closing;
            String uid;
            Long residentId;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, card_uid, resident_id, seen_power FROM charging_session WHERE id = ?")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    uid = rs.getString(2);
                    residentId = rs.getLong(3);
                    if (!"OPEN".equals(rs.getString(1)) && !endedByCaretaker) {
                        return new Stopped(sessionId, charger, uid, residentId, null, null, true, startedAt, meter);
                    }
                    if (endedByCaretaker) {
                        LOG.infof(
                                "OCPP: %s sent the StopTransaction of transaction %d after the caretaker ended its"
                                        + " session %d: the real stop (%d Wh at %s) replaces the caretaker's end",
                                LogSafe.quoted(cp), transactionId, sessionId, meterStop, at);
                    }
                    closing = at.isBefore(startedAt)
                            ? new SessionRules.Closing(
                                    "FLAGGED", Optional.of("the charge point's stop time is before its start"), false)
                            : SessionRules.close(
                                    meterStart, Optional.of(meterStop), rs.getBoolean(4), Optional.empty());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE charging_session SET ended_at = ?, end_wh = ?,"
                    + " status = ?, flag_reason = ?, end_reason = ?, seen_power = ?, signed_data = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at.isBefore(startedAt) ? startedAt : at));
                ps.setLong(2, meterStop);
                ps.setString(3, closing.status());
                ps.setString(4, closing.flagReason().orElse(null));
                ps.setString(5, endReason(reason));
                ps.setBoolean(6, closing.seenPower());
                ps.setString(7, signed);
                ps.setLong(8, sessionId);
                ps.executeUpdate();
            }
            String message = "OCPP transaction " + transactionId + " stopped (" + (reason == null ? "Local" : reason)
                    + ") at " + meterStop + " Wh: " + (meterStop - meterStart) + " Wh"
                    + (endedByCaretaker ? "; replaces the caretaker's end of the stuck session" : "")
                    + closing.flagReason().map(f -> "; flagged: " + f).orElse("");
            return new Stopped(sessionId, charger, uid, residentId, closing, message, false, startedAt, meter);
        }
    }

    /** {@code ocpp_transaction.stop_reason} of a transaction whose session the caretaker ended (stop still awaited). */
    public static final String ENDED_BY_CARETAKER = "EndedByCaretaker";

    /**
     * The caretaker ends an OCPP session whose StopTransaction never came (the wallbox is gone): at the last energy
     * register the connector reported after the transaction's start (MeterValues; before the next transaction on
     * that connector, which a later value would belong to), CLOSED or FLAGGED by {@link SessionRules#close}; FLAGGED
     * for review at the start value when no value came after the start. Audited ({@code ocpp.session.end}) with the
     * reason. The transaction keeps waiting for its stop: a StopTransaction that arrives later replaces this end
     * (the real stop wins, logged); it is the same session, so it is billed once.
     *
     * @return the session's status after the end (CLOSED or FLAGGED)
     */
    public String endStuck(long sessionId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Ending a session needs a reason");
        }
        String cp = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("SELECT charge_point FROM ocpp_transaction WHERE session_id = ?")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ChargingException(
                                ChargingException.Kind.NOT_FOUND, "No OCPP session [" + sessionId + "]");
                    }
                    return rs.getString(1);
                }
            }
        });
        ReentrantLock lock = lock(cp);
        lock.lock();
        String[] out = new String[3];
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = db.getConnection()) {
                    int txId;
                    int connector;
                    long meterStart;
                    Instant startedAt;
                    try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.connector_id, t.meter_start,"
                            + " t.started_at, t.stopped_at, t.stop_reason, s.status, s.seen_power, s.card_uid,"
                            + " s.resident_id FROM ocpp_transaction t JOIN charging_session s ON s.id = t.session_id"
                            + " WHERE t.session_id = ? FOR UPDATE")) {
                        ps.setLong(1, sessionId);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getTimestamp(5) != null
                                    || ENDED_BY_CARETAKER.equals(rs.getString(6))
                                    || !"OPEN".equals(rs.getString(7))) {
                                throw new ChargingException(
                                        ChargingException.Kind.CONFLICT,
                                        "Charging session [" + sessionId + "] is not open");
                            }
                            txId = rs.getInt(1);
                            connector = rs.getInt(2);
                            meterStart = rs.getLong(3);
                            startedAt = rs.getTimestamp(4).toInstant();
                            out[1] = rs.getString(9);
                            out[2] = Long.toString(rs.getLong(10));
                            boolean seenPower = rs.getBoolean(8);
                            Long lastWh = null;
                            Instant lastAt = null;
                            try (PreparedStatement v =
                                    c.prepareStatement("SELECT energy_wh, values_at FROM ocpp_connector"
                                            + " WHERE charge_point = ? AND connector_id = ? AND energy_wh IS NOT NULL"
                                            + " AND values_at > ? AND NOT EXISTS (SELECT 1 FROM ocpp_transaction n"
                                            + " WHERE n.charge_point = ? AND n.connector_id = ? AND n.started_at > ?"
                                            + " AND n.started_at <= values_at)")) {
                                v.setString(1, cp);
                                v.setInt(2, connector);
                                v.setTimestamp(3, Timestamp.from(startedAt));
                                v.setString(4, cp);
                                v.setInt(5, connector);
                                v.setTimestamp(6, Timestamp.from(startedAt));
                                try (ResultSet vr = v.executeQuery()) {
                                    if (vr.next()) {
                                        lastWh = vr.getLong(1);
                                        lastAt = vr.getTimestamp(2).toInstant();
                                    }
                                }
                            }
                            SessionRules.Closing closing = lastWh == null
                                    ? new SessionRules.Closing(
                                            "FLAGGED",
                                            Optional.of("ended by the caretaker without a StopTransaction: no energy"
                                                    + " value came after the start (" + reason + ")"),
                                            seenPower)
                                    : SessionRules.close(meterStart, Optional.of(lastWh), seenPower, Optional.empty());
                            long endWh = lastWh == null ? meterStart : lastWh;
                            Instant endAt = lastAt == null ? startedAt : lastAt;
                            try (PreparedStatement u = c.prepareStatement("UPDATE charging_session SET ended_at = ?,"
                                    + " end_wh = ?, status = ?, flag_reason = ?, end_reason = 'CARETAKER',"
                                    + " seen_power = ? WHERE id = ?")) {
                                u.setTimestamp(1, Timestamp.from(endAt));
                                u.setLong(2, endWh);
                                u.setString(3, closing.status());
                                u.setString(4, closing.flagReason().orElse(null));
                                u.setBoolean(5, closing.seenPower());
                                u.setLong(6, sessionId);
                                u.executeUpdate();
                            }
                            try (PreparedStatement u =
                                    c.prepareStatement("UPDATE ocpp_transaction SET stop_reason = ? WHERE id = ?")) {
                                u.setString(1, ENDED_BY_CARETAKER);
                                u.setInt(2, txId);
                                u.executeUpdate();
                            }
                            out[0] = closing.status();
                            audit.record(
                                    actor,
                                    "ocpp.session.end",
                                    "charging-session:" + sessionId,
                                    Map.of("status", "OPEN", "transactionId", txId),
                                    Map.of(
                                            "status",
                                            closing.status(),
                                            "endWh",
                                            endWh,
                                            "endedAt",
                                            endAt.toString(),
                                            "lastValue",
                                            lastWh != null),
                                    reason);
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            lock.unlock();
        }
        decisions.record(
                cp,
                null,
                out[1],
                DecisionLog.Origin.CARETAKER,
                "CLOSED".equals(out[0]) ? Outcome.ENDED : Outcome.FLAGGED,
                Reason.CARETAKER,
                "Stuck OCPP session ended by " + actor + " (" + reason + ")",
                sessionId,
                Long.valueOf(out[2]));
        return out[0];
    }

    /** MeterValues: the energy register into the ledger, power and energy as the connector's live values. */
    void meterValues(String cp, int connector, JsonNode meterValue) {
        Long power = null;
        Long energy = null;
        Instant last = null;
        List<CounterReading> rs = new ArrayList<>();
        ChargerMeter meter = null;
        if (connector >= 1) {
            try (Connection c = db.getConnection()) {
                meter = meter(c, chargerId(cp, connector), clock.instant());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        for (JsonNode mv : meterValue) {
            Instant at = Instant.parse(mv.get("timestamp").asText());
            long phases = 0;
            Long total = null;
            boolean anyPhase = false;
            for (JsonNode sv : mv.get("sampledValue")) {
                String measurand = sv.path("measurand").asText(ENERGY);
                String location = sv.path("location").asText("Outlet");
                if ("SignedData".equals(sv.path("format").asText("Raw")) || !"Outlet".equals(location)) {
                    continue;
                }
                Optional<Long> v = value(sv);
                if (v.isEmpty()) {
                    LOG.warnf(
                            "OCPP: %s sent %s = %s, not a number: skipped",
                            LogSafe.quoted(cp),
                            measurand,
                            LogSafe.quoted(sv.path("value").asText()));
                    continue;
                }
                boolean phase = sv.has("phase");
                if (ENERGY.equals(measurand) && !phase) {
                    energy = v.get();
                    if (meter != null && meter.ocpp()) {
                        rs.add(new CounterReading(meter.id(), at, v.get(), null, ReadingSource.OCPP));
                    }
                } else if (POWER.equals(measurand)) {
                    if (!phase) {
                        total = v.get();
                    } else if (!sv.get("phase").asText().startsWith("N")) {
                        phases += v.get();
                        anyPhase = true;
                    }
                }
            }
            if (total != null || anyPhase) {
                power = total != null ? total : phases;
            }
            last = last == null || at.isAfter(last) ? at : last;
        }
        if (last != null && (power != null || energy != null)) {
            try {
                chargePoints.connectorValues(cp, connector, power, energy, last);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!rs.isEmpty()) {
            store(rs, meter);
            Instant first = rs.stream()
                    .map(CounterReading::readAt)
                    .min(Instant::compareTo)
                    .orElseThrow();
            if (Duration.between(first, clock.instant()).compareTo(Duration.ofHours(1)) > 0) {
                derive(meter, first, last); // late values: the poller's derivation covers the last two hours only
            }
        }
        if (power != null && power > 0) {
            markPower(cp, connector);
        }
    }

    private void markPower(String cp, int connector) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE charging_session SET seen_power = true,"
                        + " last_power_at = ? WHERE charger = ? AND status = 'OPEN'")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, chargerId(cp, connector));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sampled value in whole Wh or W: kWh and kW times 1000, rounded half up once. */
    static Optional<Long> value(JsonNode sv) {
        try {
            java.math.BigDecimal v =
                    new java.math.BigDecimal(sv.path("value").asText().trim());
            String unit = sv.path("unit").asText("");
            if (unit.equals("kWh") || unit.equals("kW")) {
                v = v.movePointRight(3);
            }
            return Optional.of(v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static List<CounterReading> energyReadings(long meterId, JsonNode meterValues) {
        List<CounterReading> out = new ArrayList<>();
        if (meterValues == null) {
            return out;
        }
        for (JsonNode mv : meterValues) {
            Instant at = Instant.parse(mv.get("timestamp").asText());
            for (JsonNode sv : mv.get("sampledValue")) {
                if (ENERGY.equals(sv.path("measurand").asText(ENERGY))
                        && !sv.has("phase")
                        && "Outlet".equals(sv.path("location").asText("Outlet"))
                        && !"SignedData".equals(sv.path("format").asText("Raw"))) {
                    value(sv).ifPresent(v -> out.add(new CounterReading(meterId, at, v, null, ReadingSource.OCPP)));
                }
            }
        }
        return out;
    }

    /** The first signed meter value (format SignedData, e.g. OCMF) of a transaction, as the charge point sent it. */
    static String signedData(JsonNode meterValues) {
        if (meterValues == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode mv : meterValues) {
            for (JsonNode sv : mv.get("sampledValue")) {
                if ("SignedData".equals(sv.path("format").asText("Raw"))) {
                    if (b.length() > 0) {
                        b.append('\n');
                    }
                    b.append(sv.path("value").asText());
                }
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Stores counter readings, at whole seconds (the ledger's readings are ordered by instant; OCPP sends any). */
    private void store(List<CounterReading> rs, ChargerMeter meter) {
        Map<Instant, CounterReading> bySecond = new java.util.TreeMap<>();
        for (CounterReading r : rs) {
            Instant at = r.readAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            bySecond.putIfAbsent(at, new CounterReading(r.meterId(), at, r.importWh(), r.exportWh(), r.source()));
        }
        try {
            readings.store(bySecond.values());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("OCPP: readings of meter [%s] not stored: %s", meter.name(), e.getMessage());
        }
    }

    /** Derives the quarter hours around [from, to) after the answer (never fails the charge point's message). */
    private void derive(ChargerMeter meter, Instant from, Instant to) {
        ledger.execute(() -> {
            try {
                derivation.derive(
                        meter.name(),
                        Intervals.floor(from).minusSeconds(Intervals.SECONDS),
                        Intervals.floor(to).plusSeconds(2L * Intervals.SECONDS));
            } catch (SQLException | RuntimeException e) {
                LOG.errorf("OCPP: quarter hours of meter [%s] not derived: %s", meter.name(), e.getMessage());
            }
        });
    }

    private static String endReason(String reason) {
        return switch (reason == null ? "Local" : reason) {
            case "Local", "DeAuthorized" -> "CARD";
            case "EVDisconnected" -> "UNPLUGGED";
            case "Remote" -> "CARETAKER";
            default -> "CHARGE_POINT";
        };
    }

    private static Reason reasonOf(String reason) {
        return switch (reason == null ? "Local" : reason) {
            case "Local", "DeAuthorized" -> Reason.STOP_BY_CARD;
            case "EVDisconnected" -> Reason.UNPLUGGED;
            case "Remote" -> Reason.CARETAKER;
            default -> Reason.CHARGE_POINT;
        };
    }

    static ObjectNode idTagInfo(IdTags.Verdict v) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("status", v.status());
        v.expiry().ifPresent(e -> info.put("expiryDate", e.toString()));
        return info;
    }
}
