package org.hausmeter.charging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.sim.SimulatedCharger;
import org.hausmeter.charging.Chargers.Charger;
import org.hausmeter.charging.Chargers.MeterReading;
import org.hausmeter.charging.DecisionLog.Origin;
import org.hausmeter.charging.control.ChargerController;
import org.hausmeter.charging.persistence.ChargingCard;
import org.hausmeter.charging.persistence.ChargingSession;
import org.jboss.logging.Logger;

/**
 * Charging sessions: what a tap does (the same code for a card at a reader and for the caretaker's
 * "simulate tap"), how running sessions end without a tap, and how open sessions are recovered at
 * start. Decisions per charger are serialised by a lock, and the database allows one open session
 * per charger and per card, so two quick taps can never make two sessions.
 *
 * <p>Start: the charger meter is read at once (not at the next quarter hour), then the charger is
 * enabled and its state read back, then the session is stored with the card UID, the resident and
 * the tenancy running at that moment. Stop: the charger is disabled and read back, the meter is
 * read, and the session is closed, or flagged for the caretaker when the end reading is below the
 * start or the car never drew power ({@link SessionRules#close}). Every decision goes to the
 * {@link DecisionLog}.
 */
@ApplicationScoped
public class ChargingService {

    private static final Logger LOG = Logger.getLogger(ChargingService.class);

    /** What a tap came to; {@code sessionId} is the started or stopped session, if any. */
    public record TapResult(
            String charger, String uid, Outcome outcome, Reason reason, String message, Long sessionId) {
        public boolean accepted() {
            return outcome == Outcome.STARTED || outcome == Outcome.STOPPED || outcome == Outcome.ENROLLED;
        }
    }

    /** A session as the API and pages show it; energy is {@code endWh - startWh} once ended. */
    public record SessionView(
            long id,
            String charger,
            String chargerName,
            long meterId,
            String cardUid,
            long residentId,
            String residentName,
            long tenancyId,
            Instant startedAt,
            Instant endedAt,
            long startWh,
            Long endWh,
            Long energyWh,
            String status,
            String flagReason,
            String endReason,
            boolean seenPower,
            String source,
            boolean signed) {}

    /** The simulated car at a charger. */
    public record SimulatedCar(String charger, String vehicle, boolean enabled, long wantsWh) {}

    private final Chargers chargers;
    private final CardService cards;
    private final DecisionLog log;
    private final ChargingConfig config;
    private final BuildingSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTaps = new ConcurrentHashMap<>();
    private final UnknownCardLimiter unknown;

    /** Which chargers the power control holds paused on purpose (their sessions do not end for idling). */
    @jakarta.inject.Inject
    org.hausmeter.charging.power.PowerState powerState;

    ChargingService(
            Chargers chargers,
            CardService cards,
            DecisionLog log,
            ChargingConfig config,
            BuildingSettings settings,
            AuditLog audit,
            Clock clock) {
        this.chargers = chargers;
        this.cards = cards;
        this.log = log;
        this.config = config;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.unknown = new UnknownCardLimiter(
                config.unknownLogPerUid(), config.unknownLogPerMinute(), java.time.Duration.ofMinutes(1));
    }

    private ZoneId zone() {
        return settings.current().zone();
    }

    /** A card seen by the NFC reader {@code reader}. */
    public TapResult readerTap(String reader, CardUid uid) {
        Optional<Charger> charger = chargers.byReader(reader);
        if (charger.isEmpty()) {
            log.record(
                    null,
                    reader,
                    uid.hex(),
                    Origin.READER,
                    Outcome.REFUSED,
                    Reason.UNKNOWN_READER,
                    "Reader [" + reader + "] is not at any charger of the building file",
                    null,
                    null);
            return new TapResult(
                    null,
                    uid.hex(),
                    Outcome.REFUSED,
                    Reason.UNKNOWN_READER,
                    "Reader [" + reader + "] is not at any charger",
                    null);
        }
        return tap(charger.get().id(), uid, Origin.READER, reader);
    }

    /** The caretaker's "simulate tap": exactly what a card at the charger's reader does. */
    public TapResult simulateTap(String chargerId, String uidText) {
        CardUid uid;
        try {
            uid = CardUid.parse(uidText);
        } catch (IllegalArgumentException e) {
            throw new ChargingException(ChargingException.Kind.INVALID, e.getMessage());
        }
        if (chargers.byId(chargerId).isEmpty()) {
            throw new ChargingException(ChargingException.Kind.NOT_FOUND, "No charger [" + chargerId + "]");
        }
        return tap(chargerId, uid, Origin.SIMULATED_TAP, null);
    }

    TapResult tap(String chargerId, CardUid uid, Origin origin, String reader) {
        Charger charger = chargers.byId(chargerId).orElseThrow();
        ReentrantLock lock = locks.computeIfAbsent(chargerId, k -> new ReentrantLock(true));
        lock.lock();
        try {
            Instant now = clock.instant();
            String key = chargerId + "|" + uid.hex();
            TapContext ctx = QuarkusTransaction.requiringNew().call(() -> context(chargerId, uid, now));
            TapRules.Decision d = TapRules.decide(new TapRules.Tap(
                    uid,
                    chargerId,
                    now,
                    zone(),
                    ctx.card(),
                    ctx.onCharger(),
                    ctx.ofCard(),
                    cards.enrollment().map(e -> e.residentName()),
                    Optional.ofNullable(lastTaps.get(key)),
                    config.debounce(),
                    charger.control().isPresent() && charger.meter().isPresent()));
            if (d.action() != TapRules.Action.IGNORE) {
                lastTaps.put(key, now);
            }
            return switch (d.action()) {
                case IGNORE ->
                    result(
                            charger,
                            uid,
                            origin,
                            reader,
                            Outcome.IGNORED,
                            d.reason(),
                            d.message(),
                            null,
                            ctx.residentId());
                case REFUSE -> refuse(charger, uid, origin, reader, d, ctx.residentId(), now);
                case ENROLL -> enroll(charger, uid, origin, reader);
                case START -> start(charger, uid, origin, reader, ctx, d);
                case STOP ->
                    stop(charger, ctx.onCharger().get().id(), Reason.STOP_BY_CARD, origin, reader, d.message());
            };
        } finally {
            lock.unlock();
        }
    }

    private record TapContext(
            Optional<TapRules.Card> card,
            Long cardId,
            Long residentId,
            Long tenancyId,
            Optional<TapRules.OpenSession> onCharger,
            Optional<TapRules.OpenSession> ofCard) {}

    private TapContext context(String chargerId, CardUid uid, Instant now) {
        Optional<ChargingCard> card = ChargingCard.findByUid(uid.hex());
        Long tenancyId = card.flatMap(c -> runningTenancy(c.resident.id, now)).orElse(null);
        Optional<TapRules.Card> rules = card.map(c -> new TapRules.Card(
                uid,
                c.resident.displayName,
                Optional.ofNullable(c.blockedAt),
                Optional.ofNullable(c.blockedReason),
                Optional.ofNullable(c.expiresOn),
                tenancyId != null));
        Optional<TapRules.OpenSession> onCharger = ChargingSession.openOn(chargerId)
                .map(s -> new TapRules.OpenSession(s.id, s.charger, new CardUid(s.cardUid)));
        Optional<TapRules.OpenSession> ofCard = ChargingSession.openOfCard(uid.hex())
                .map(s -> new TapRules.OpenSession(s.id, s.charger, new CardUid(s.cardUid)));
        return new TapContext(
                rules,
                card.map(c -> c.id).orElse(null),
                card.map(c -> c.resident.id).orElse(null),
                tenancyId,
                onCharger,
                ofCard);
    }

    private static Optional<Long> runningTenancy(long residentId, Instant at) {
        return Tenancy.<Tenancy>find(
                        "resident.id = ?1 and moveIn <= ?2 and (moveOut is null or moveOut > ?2)", residentId, at)
                .firstResultOptional()
                .map(t -> t.id);
    }

    private TapResult refuse(
            Charger charger,
            CardUid uid,
            Origin origin,
            String reader,
            TapRules.Decision d,
            Long residentId,
            Instant now) {
        if (d.reason() == Reason.UNKNOWN_CARD || d.reason() == Reason.RANDOM_ID) {
            UnknownCardLimiter.Verdict v;
            synchronized (unknown) {
                v = unknown.tap(uid, now);
            }
            if (!v.log()) {
                LOG.debugf("Unknown card %s at [%s]: not logged (rate limit)", uid, charger.id());
                return new TapResult(charger.id(), uid.hex(), Outcome.REFUSED, d.reason(), d.message(), null);
            }
            String message = v.suppressedBefore() > 0
                    ? d.message() + " (" + v.suppressedBefore() + " earlier unknown taps not logged: rate limit)"
                    : d.message();
            return result(charger, uid, origin, reader, Outcome.REFUSED, d.reason(), message, null, null);
        }
        return result(charger, uid, origin, reader, Outcome.REFUSED, d.reason(), d.message(), null, residentId);
    }

    private TapResult enroll(Charger charger, CardUid uid, Origin origin, String reader) {
        Optional<CardService.Enrollment> e = cards.enrollment();
        if (e.isEmpty()) {
            return result(
                    charger,
                    uid,
                    origin,
                    reader,
                    Outcome.REFUSED,
                    Reason.UNKNOWN_CARD,
                    "Card " + uid + " is not registered (the enrollment ended)",
                    null,
                    null);
        }
        try {
            CardService.CardView card = cards.completeEnrollment(uid, e.get(), charger.id());
            return result(
                    charger,
                    uid,
                    origin,
                    reader,
                    Outcome.ENROLLED,
                    Reason.ENROLLED,
                    "Card " + uid + " registered to " + card.residentName() + " by enrollment (started by "
                            + e.get().startedBy() + ")",
                    null,
                    card.residentId());
        } catch (ChargingException ex) {
            return result(
                    charger, uid, origin, reader, Outcome.REFUSED, Reason.UNKNOWN_CARD, ex.getMessage(), null, null);
        }
    }

    private TapResult start(
            Charger charger, CardUid uid, Origin origin, String reader, TapContext ctx, TapRules.Decision d) {
        ChargerController control = charger.control().orElseThrow();
        MeterReading startReading;
        try {
            startReading = chargers.readMeter(charger);
        } catch (Chargers.MeterReadFailed e) {
            return result(
                    charger,
                    uid,
                    origin,
                    reader,
                    Outcome.REFUSED,
                    Reason.METER_FAILED,
                    "Card " + uid + ": " + e.getMessage() + "; not started",
                    null,
                    ctx.residentId());
        }
        String failure = null;
        try {
            if (!control.enable()) {
                failure = "charger did not confirm it is enabled";
            }
        } catch (ModbusFailure | RuntimeException e) {
            failure = "charger did not take the command: " + e.getMessage();
        }
        if (failure != null) {
            disableQuietly(control);
            return result(
                    charger,
                    uid,
                    origin,
                    reader,
                    Outcome.REFUSED,
                    Reason.CHARGER_FAILED,
                    "Card " + uid + ": " + failure + "; not started",
                    null,
                    ctx.residentId());
        }
        long sessionId;
        try {
            sessionId = QuarkusTransaction.requiringNew().call(() -> {
                ChargingSession s = new ChargingSession();
                s.charger = charger.id();
                s.meterId = charger.meter().get().meterId();
                s.cardUid = uid.hex();
                s.cardId = ctx.cardId();
                s.residentId = ctx.residentId();
                s.tenancyId = ctx.tenancyId();
                s.startedAt = startReading.at();
                s.startWh = startReading.importWh();
                s.status = ChargingSession.OPEN;
                s.seenPower = false;
                s.source = origin == Origin.SIMULATED_TAP ? "SIMULATED_TAP" : "READER";
                s.cardGroup = ctx.cardId() == null
                        ? s.cardGroup
                        : ChargingCard.<ChargingCard>findByIdOptional(ctx.cardId())
                                .map(card -> card.cardGroup)
                                .orElse(s.cardGroup);
                s.chargeMode = config.power().defaultMode().name();
                s.persist();
                return s.id;
            });
        } catch (RuntimeException e) {
            disableQuietly(control);
            return result(
                    charger,
                    uid,
                    origin,
                    reader,
                    Outcome.REFUSED,
                    Reason.CHARGER_FAILED,
                    "Card " + uid + ": the session could not be stored (" + rootMessage(e) + "); charger switched off",
                    null,
                    ctx.residentId());
        }
        // the charger runs at its profile's current now: the power control's next run writes its limit
        powerState.switchedBySession(charger.id());
        return result(
                charger,
                uid,
                origin,
                reader,
                Outcome.STARTED,
                Reason.START,
                d.message() + " at " + startReading.importWh() + " Wh",
                sessionId,
                ctx.residentId());
    }

    /**
     * Ends session {@code sessionId} on {@code charger}: disable (read back), read the meter, close or flag.
     * When the charger cannot be switched off the session stays open and the result says so.
     */
    private TapResult stop(Charger charger, long sessionId, Reason reason, Origin origin, String reader, String why) {
        powerState.switchedBySession(charger.id());
        ChargingSession s =
                QuarkusTransaction.requiringNew().call(() -> ChargingSession.<ChargingSession>findById(sessionId));
        if (s == null || !ChargingSession.OPEN.equals(s.status)) {
            return new TapResult(
                    charger.id(),
                    s == null ? null : s.cardUid,
                    Outcome.IGNORED,
                    reason,
                    "Session " + sessionId + " is not open",
                    sessionId);
        }
        CardUid uid = new CardUid(s.cardUid);
        if (charger.control().isPresent()) {
            String failure = null;
            try {
                if (charger.control().get().disable()) {
                    failure = "charger still reports enabled";
                }
            } catch (ModbusFailure | RuntimeException e) {
                failure = "charger did not take the command: " + e.getMessage();
            }
            if (failure != null) {
                return result(
                        charger,
                        uid,
                        origin,
                        reader,
                        Outcome.REFUSED,
                        Reason.CHARGER_FAILED,
                        "Session " + sessionId + " could not be stopped (" + failure + "); it stays open",
                        sessionId,
                        s.residentId);
            }
        }
        Optional<Long> endWh = Optional.empty();
        Optional<String> readFailure = Optional.empty();
        Instant endedAt;
        try {
            MeterReading r = chargers.readMeter(charger);
            endWh = Optional.of(r.importWh());
            endedAt = r.at();
        } catch (Chargers.MeterReadFailed e) {
            readFailure = Optional.of(e.getMessage());
            endedAt = clock.instant();
        }
        SessionRules.Closing closing = SessionRules.close(s.startWh, endWh, s.seenPower, readFailure);
        Instant end = endedAt.isBefore(s.startedAt) ? s.startedAt : endedAt;
        Optional<Long> endValue = endWh;
        QuarkusTransaction.requiringNew().run(() -> {
            ChargingSession fresh = ChargingSession.findById(sessionId);
            fresh.endedAt = end;
            fresh.endWh = endValue.orElse(null);
            fresh.status = closing.status();
            fresh.flagReason = closing.flagReason().orElse(null);
            fresh.seenPower = closing.seenPower();
            fresh.endReason = endReason(reason);
        });
        String energy = endWh.map(e -> (e - s.startWh) + " Wh").orElse("unknown energy");
        String message = why + ": " + energy
                + (closing.billable()
                        ? ""
                        : "; flagged: " + closing.flagReason().get());
        Outcome outcome =
                !closing.billable() ? Outcome.FLAGGED : reason == Reason.STOP_BY_CARD ? Outcome.STOPPED : Outcome.ENDED;
        return result(charger, uid, origin, reader, outcome, reason, message, sessionId, s.residentId);
    }

    private static String endReason(Reason reason) {
        return switch (reason) {
            case STOP_BY_CARD -> "CARD";
            case IDLE -> "IDLE";
            case UNPLUGGED -> "UNPLUGGED";
            case NEVER_CHARGED -> "NEVER_CHARGED";
            case CARETAKER -> "CARETAKER";
            default -> "RECOVERY";
        };
    }

    /** The caretaker ends a running session (audited). */
    public TapResult endByCaretaker(long sessionId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Ending a session needs a reason")
                    .coded("session_end_reason");
        }
        ChargingSession s =
                QuarkusTransaction.requiringNew().call(() -> ChargingSession.<ChargingSession>findById(sessionId));
        if (s == null) {
            throw new ChargingException(ChargingException.Kind.NOT_FOUND, "No charging session [" + sessionId + "]");
        }
        if (!ChargingSession.OPEN.equals(s.status)) {
            throw new ChargingException(
                            ChargingException.Kind.CONFLICT, "Charging session [" + sessionId + "] is not open")
                    .coded("session_not_open", sessionId);
        }
        Charger charger = chargers.byId(s.charger)
                .orElseThrow(() -> new ChargingException(
                        ChargingException.Kind.CONFLICT,
                        "Charger [" + s.charger + "] is no longer in the building file"));
        ReentrantLock lock = locks.computeIfAbsent(charger.id(), k -> new ReentrantLock(true));
        lock.lock();
        try {
            TapResult r = stop(
                    charger,
                    sessionId,
                    Reason.CARETAKER,
                    Origin.CARETAKER,
                    null,
                    "Ended by " + actor + " (" + reason + ")");
            if (r.outcome() != Outcome.REFUSED) {
                QuarkusTransaction.requiringNew()
                        .run(() -> audit.record(
                                actor,
                                "charging.session.end",
                                "charging-session:" + sessionId,
                                Map.of("status", "OPEN"),
                                Map.of("outcome", r.outcome().name()),
                                reason));
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One check of every running session at {@code now}: reads the charger meter's power and counter
     * and the car state, notes when the car draws, and ends sessions whose car stopped drawing, left,
     * or never charged ({@link SessionRules#endReason}). A charger that does not answer is checked
     * again next time.
     */
    public void checkSessions(Instant now) {
        SessionRules.Limits limits =
                new SessionRules.Limits(config.idleTimeout(), config.neverChargedTimeout(), config.powerThresholdW());
        List<ChargingSession> open = QuarkusTransaction.requiringNew()
                .call(() -> ChargingSession.<ChargingSession>list("status", ChargingSession.OPEN));
        for (ChargingSession s : open) {
            Optional<Charger> charger = chargers.byId(s.charger);
            if (charger.isEmpty()) {
                continue;
            }
            ReentrantLock lock = locks.computeIfAbsent(s.charger, k -> new ReentrantLock(true));
            lock.lock();
            try {
                checkSession(charger.get(), s.id, now, limits);
            } catch (RuntimeException e) {
                LOG.warnf("Checking charging session %d on [%s] failed: %s", s.id, s.charger, e.getMessage());
            } finally {
                lock.unlock();
            }
        }
    }

    private void checkSession(Charger charger, long sessionId, Instant now, SessionRules.Limits limits) {
        ChargingSession s =
                QuarkusTransaction.requiringNew().call(() -> ChargingSession.<ChargingSession>findById(sessionId));
        if (s == null || !ChargingSession.OPEN.equals(s.status)) {
            return;
        }
        MeterReading r;
        try {
            r = chargers.readMeter(charger);
        } catch (Chargers.MeterReadFailed e) {
            LOG.debugf("Session %d: %s", sessionId, e.getMessage());
            return;
        }
        Optional<ChargerController.Vehicle> vehicle = Optional.empty();
        if (charger.control().isPresent()) {
            try {
                vehicle = charger.control().get().vehicle();
            } catch (ModbusFailure | RuntimeException e) {
                LOG.debugf("Session %d: car state of [%s] not read: %s", sessionId, charger.id(), e.getMessage());
            }
        }
        boolean drawing = r.powerW().map(w -> SessionRules.drawing(w, limits)).orElse(false)
                || vehicle.filter(v -> v == ChargerController.Vehicle.CHARGING).isPresent();
        boolean rose = r.importWh() > s.startWh;
        boolean seen = s.seenPower || drawing || rose;
        Instant lastPower = drawing ? now : s.lastPowerAt != null ? s.lastPowerAt : rose ? now : null;
        if (seen != s.seenPower || lastPower != s.lastPowerAt) {
            Instant lp = lastPower;
            QuarkusTransaction.requiringNew().run(() -> {
                ChargingSession fresh = ChargingSession.findById(sessionId);
                fresh.seenPower = seen;
                fresh.lastPowerAt = lp;
            });
        }
        Optional<Reason> end = SessionRules.endReason(
                new SessionRules.Running(s.startedAt, seen, Optional.ofNullable(lastPower)), now, vehicle, limits);
        if (powerState.paused(charger.id()) && end.isPresent() && end.get() != Reason.UNPLUGGED) {
            // paused by the power control (waiting for the sun, a limit, § 14a): not idle, not "never charged";
            // the idle time counts again from the moment it may charge
            touchLastPower(sessionId, seen ? now : null);
            return;
        }
        if (end.isPresent()) {
            String why = switch (end.get()) {
                case UNPLUGGED -> "The car was unplugged";
                case IDLE -> "The car drew no power for " + limits.idleTimeout().toMinutes() + " min";
                default ->
                    "The car drew no power within "
                            + limits.neverChargedTimeout().toMinutes() + " min";
            };
            stop(charger, sessionId, end.get(), Origin.MONITOR, null, why + " (session " + sessionId + ")");
        }
    }

    private static void touchLastPower(long sessionId, Instant at) {
        if (at == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ChargingSession fresh = ChargingSession.findById(sessionId);
            fresh.lastPowerAt = at;
        });
    }

    /**
     * At start: each controlled charger's state is read back (never assumed). An open session whose
     * charger is still enabled continues; one whose charger is off is ended with a real meter reading;
     * a charger enabled without a session is switched off. A charger that does not answer keeps its
     * session open for the monitor.
     */
    public void recover() {
        for (Charger charger : chargers.all()) {
            if (charger.control().isEmpty()) {
                continue;
            }
            ChargerController control = charger.control().get();
            ReentrantLock lock = locks.computeIfAbsent(charger.id(), k -> new ReentrantLock(true));
            lock.lock();
            try {
                Optional<ChargingSession> open =
                        QuarkusTransaction.requiringNew().call(() -> ChargingSession.openOn(charger.id()));
                boolean enabled;
                try {
                    enabled = control.enabled();
                } catch (ModbusFailure | RuntimeException e) {
                    log.record(
                            charger.id(),
                            null,
                            open.map(s -> s.cardUid).orElse(null),
                            Origin.RECOVERY,
                            Outcome.CONTROL,
                            Reason.CHARGER_FAILED,
                            "State of charger [" + charger.id() + "] not readable at start: " + e.getMessage()
                                    + (open.isPresent() ? "; session " + open.get().id + " stays open" : ""),
                            open.map(s -> s.id).orElse(null),
                            open.map(s -> s.residentId).orElse(null));
                    continue;
                }
                boolean mayBePaused = !enabled
                        && open.isPresent()
                        && config.power().enabled()
                        && control.limitable()
                        && !"FAST".equals(open.get().chargeMode);
                if (mayBePaused) {
                    // the power control may have paused it (waiting for the sun): it continues, the next plan decides
                    ChargingSession s = open.get();
                    log.record(
                            charger.id(),
                            null,
                            s.cardUid,
                            Origin.RECOVERY,
                            Outcome.CONTROL,
                            Reason.RESUMED,
                            "Session " + s.id + " on [" + charger.id() + "] continues: the charger is off, as the power"
                                    + " control may have paused it (" + s.chargeMode + ")",
                            s.id,
                            s.residentId);
                } else if (open.isPresent() && enabled) {
                    ChargingSession s = open.get();
                    log.record(
                            charger.id(),
                            null,
                            s.cardUid,
                            Origin.RECOVERY,
                            Outcome.CONTROL,
                            Reason.RESUMED,
                            "Session " + s.id + " on [" + charger.id() + "] continues: the charger is still enabled",
                            s.id,
                            s.residentId);
                } else if (open.isPresent()) {
                    stop(
                            charger,
                            open.get().id,
                            Reason.RECOVERY,
                            Origin.RECOVERY,
                            null,
                            "Charger [" + charger.id() + "] was found switched off at start (session " + open.get().id
                                    + ")");
                } else if (enabled) {
                    disableQuietly(control);
                    log.record(
                            charger.id(),
                            null,
                            null,
                            Origin.RECOVERY,
                            Outcome.CONTROL,
                            Reason.ENABLED_WITHOUT_SESSION,
                            "Charger [" + charger.id() + "] was enabled without a session: switched off",
                            null,
                            null);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void disableQuietly(ChargerController control) {
        try {
            control.disable();
        } catch (ModbusFailure | RuntimeException e) {
            LOG.warnf("Switching off charger [%s] failed: %s", control.chargerId(), e.getMessage());
        }
    }

    private TapResult result(
            Charger charger,
            CardUid uid,
            Origin origin,
            String reader,
            Outcome outcome,
            Reason reason,
            String message,
            Long sessionId,
            Long residentId) {
        log.record(charger.id(), reader, uid.hex(), origin, outcome, reason, message, sessionId, residentId);
        return new TapResult(charger.id(), uid.hex(), outcome, reason, message, sessionId);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    // ---- queries ----

    /** Sessions started in [from, to) (either may be null), newest first; of one resident when {@code residentId} is set. */
    public List<SessionView> sessions(Instant from, Instant to, Long residentId, String charger, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder q = new StringBuilder("1 = 1");
            Map<String, Object> p = new java.util.HashMap<>();
            if (from != null) {
                q.append(" and startedAt >= :from");
                p.put("from", from);
            }
            if (to != null) {
                q.append(" and startedAt < :to");
                p.put("to", to);
            }
            if (residentId != null) {
                q.append(" and residentId = :resident");
                p.put("resident", residentId);
            }
            if (charger != null) {
                q.append(" and charger = :charger");
                p.put("charger", charger);
            }
            List<ChargingSession> list = ChargingSession.<ChargingSession>find(q + " order by startedAt desc", p)
                    .page(0, limit)
                    .list();
            Map<Long, String> names = new java.util.HashMap<>();
            for (ChargingSession s : list) {
                names.computeIfAbsent(
                        s.residentId,
                        id -> Account.<Account>findByIdOptional(id)
                                .map(a -> a.displayName)
                                .orElse("?"));
            }
            return list.stream().map(s -> view(s, names.get(s.residentId))).toList();
        });
    }

    /** The sessions of these ids that exist, by id (the decision log's page). */
    public Map<Long, SessionView> sessionsById(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, String> names = residentNames(ChargingSession.<ChargingSession>list("id in ?1", ids).stream()
                    .map(s -> s.residentId)
                    .toList());
            Map<Long, SessionView> out = new java.util.HashMap<>();
            for (ChargingSession s : ChargingSession.<ChargingSession>list("id in ?1", ids)) {
                out.put(s.id, view(s, names.getOrDefault(s.residentId, "?")));
            }
            return out;
        });
    }

    /** The display names of these accounts that exist, by id. */
    public Map<Long, String> residentNames(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<Long, String> out = new java.util.HashMap<>();
            for (Account a : Account.<Account>list("id in ?1", ids)) {
                out.put(a.id, a.displayName);
            }
            return out;
        });
    }

    public Optional<SessionView> session(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ChargingSession.<ChargingSession>findByIdOptional(id)
                        .map(s -> view(
                                s,
                                Account.<Account>findByIdOptional(s.residentId)
                                        .map(a -> a.displayName)
                                        .orElse("?"))));
    }

    private SessionView view(ChargingSession s, String residentName) {
        return new SessionView(
                s.id,
                s.charger,
                chargers.byId(s.charger).map(Charger::name).orElse(s.charger),
                s.meterId,
                s.cardUid,
                s.residentId,
                residentName,
                s.tenancyId,
                s.startedAt,
                s.endedAt,
                s.startWh,
                s.endWh,
                s.endWh == null ? null : s.endWh - s.startWh,
                s.status,
                s.flagReason,
                s.endReason,
                s.seenPower,
                s.source,
                s.signedData != null);
    }

    // ---- the simulated car (simulated building only) ----

    /** The simulated car at {@code chargerId}. */
    public SimulatedCar simulatedCar(String chargerId) {
        SimulatedCharger c = simulated(chargerId);
        Instant now = clock.instant();
        return new SimulatedCar(chargerId, c.vehicle(now).name(), c.enabled(now), c.carWantsWh(now));
    }

    /** Plugs a simulated car in (power W, energy it wants Wh) or unplugs it. */
    public SimulatedCar simulateCar(String chargerId, boolean plugged, Long powerW, Long wantsWh) {
        SimulatedCharger c = simulated(chargerId);
        Instant now = clock.instant();
        if (plugged) {
            try {
                c.plug(
                        now,
                        powerW == null ? SimulatedCharger.DEFAULT_CAR_POWER_W : powerW,
                        wantsWh == null ? SimulatedCharger.DEFAULT_CAR_WANTS_WH : wantsWh);
            } catch (IllegalArgumentException e) {
                throw new ChargingException(ChargingException.Kind.INVALID, e.getMessage());
            }
        } else {
            c.unplug(now);
        }
        return simulatedCar(chargerId);
    }

    private SimulatedCharger simulated(String chargerId) {
        if (chargers.byId(chargerId).isEmpty()) {
            throw new ChargingException(ChargingException.Kind.NOT_FOUND, "No charger [" + chargerId + "]");
        }
        return chargers.simulated(chargerId)
                .orElseThrow(() -> new ChargingException(
                        ChargingException.Kind.CONFLICT,
                        "Charger [" + chargerId + "] is not simulated (only in the simulated building)"));
    }
}
