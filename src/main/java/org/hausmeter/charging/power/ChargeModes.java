package org.hausmeter.charging.power;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.persistence.ChargingSession;
import org.jboss.logging.Logger;

/** The resident's choice of charge mode for their own open session. */
@ApplicationScoped
public class ChargeModes {

    private static final Logger LOG = Logger.getLogger(ChargeModes.class);

    /** The mode of session {@code sessionId}, if it exists. */
    public java.util.Optional<ChargeMode> current(long sessionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ChargingSession.<ChargingSession>findByIdOptional(sessionId)
                        .map(s -> ChargeMode.parse(s.chargeMode)));
    }

    /**
     * Sets the mode of session {@code sessionId}, which must be {@code residentId}'s and open; the power control's
     * next run follows it.
     *
     * @throws ChargingException NOT_FOUND for another's or an unknown session, CONFLICT for an ended one,
     *     INVALID for an unknown mode
     */
    public ChargeMode set(long residentId, long sessionId, String modeText) {
        ChargeMode mode;
        try {
            mode = ChargeMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new ChargingException(ChargingException.Kind.INVALID, e.getMessage());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ChargingSession s = ChargingSession.findById(sessionId);
            if (s == null || s.residentId != residentId) {
                throw new ChargingException(
                        ChargingException.Kind.NOT_FOUND, "You have no charging session " + sessionId);
            }
            if (!ChargingSession.OPEN.equals(s.status)) {
                throw new ChargingException(
                        ChargingException.Kind.CONFLICT, "Charging session " + sessionId + " has ended");
            }
            s.chargeMode = mode.name();
        });
        LOG.infof("Session %d: charge mode %s chosen by its resident", sessionId, mode);
        return mode;
    }
}
