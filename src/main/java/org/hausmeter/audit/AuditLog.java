package org.hausmeter.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.hausmeter.audit.persistence.AuditEvent;

/** Appends audit events in the caller's transaction, so a change and its record commit together. */
@ApplicationScoped
public class AuditLog {

    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    /**
     * @param actor   username of who did it, or {@code system}
     * @param action  dotted lower-case verb, e.g. {@code tenancy.create}
     * @param subject what it was done to, e.g. {@code apartment: }
     * @param before  state before (serialised to JSON), null for a creation
     * @param after   state after (serialised to JSON), null for a removal
     * @param reason  the caretaker's reason, null when none is required
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(String actor, String action, String subject, Object before, Object after, String reason) {
        AuditEvent e = new AuditEvent();
        e.at = clock.instant();
        e.actor = actor;
        e.action = action;
        e.subject = subject;
        e.before = toJson(before);
        e.after = toJson(after);
        e.reason = reason;
        e.persist();
        return e;
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit value is not serialisable to JSON: " + value.getClass(), e);
        }
    }
}
