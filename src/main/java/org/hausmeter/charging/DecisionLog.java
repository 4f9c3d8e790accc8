package org.hausmeter.charging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hausmeter.charging.persistence.ChargingDecision;
import org.jboss.logging.Logger;

/**
 * The caretaker's log of every charging decision: accepted, refused and why. Each entry is written
 * in its own transaction (a refused tap changes nothing else) and also logged as one line.
 */
@ApplicationScoped
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);

    /** Where a decision came from. */
    public enum Origin {
        READER,
        SIMULATED_TAP,
        MONITOR,
        RECOVERY,
        CARETAKER,
        /** An OCPP charge point (Authorize, StartTransaction, StopTransaction). */
        OCPP
    }

    /** One entry as the API shows it. */
    public record Entry(
            long id,
            Instant at,
            String charger,
            String reader,
            String cardUid,
            String origin,
            String outcome,
            String reason,
            String message,
            Long sessionId,
            Long residentId) {}

    private final Clock clock;

    DecisionLog(Clock clock) {
        this.clock = clock;
    }

    public Entry record(
            String charger,
            String reader,
            String uid,
            Origin origin,
            Outcome outcome,
            Reason reason,
            String message,
            Long sessionId,
            Long residentId) {
        ChargingDecision d = new ChargingDecision();
        d.at = clock.instant();
        d.charger = charger;
        d.reader = reader;
        d.cardUid = uid;
        d.origin = origin.name();
        d.outcome = outcome.name();
        d.reason = reason.name();
        d.message = message;
        d.sessionId = sessionId;
        d.residentId = residentId;
        QuarkusTransaction.requiringNew().run(d::persist);
        Logger.Level level =
                outcome == Outcome.REFUSED || outcome == Outcome.FLAGGED ? Logger.Level.WARN : Logger.Level.INFO;
        LOG.logf(
                level,
                "Charging %s %s [%s]%s: %s",
                outcome,
                reason,
                charger == null ? "-" : charger,
                reader == null ? "" : " reader [" + reader + "]",
                message);
        return view(d);
    }

    /** The newest entries first; {@code charger} and {@code before} (an id, for paging) may be null. */
    public List<Entry> list(String charger, Long before, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder q = new StringBuilder("1 = 1");
            java.util.Map<String, Object> p = new java.util.HashMap<>();
            if (charger != null) {
                q.append(" and charger = :charger");
                p.put("charger", charger);
            }
            if (before != null) {
                q.append(" and id < :before");
                p.put("before", before);
            }
            return ChargingDecision.<ChargingDecision>find(q + " order by id desc", p).page(0, limit).list().stream()
                    .map(DecisionLog::view)
                    .toList();
        });
    }

    private static Entry view(ChargingDecision d) {
        return new Entry(
                d.id,
                d.at,
                d.charger,
                d.reader,
                d.cardUid,
                d.origin,
                d.outcome,
                d.reason,
                d.message,
                d.sessionId,
                d.residentId);
    }
}
