package org.hausmeter.charging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Decides what a tap of a card at a charger does. Pure: everything it needs is in {@link Tap}; no
 * I/O, no clock of its own. The order of the checks is the policy:
 * <ol>
 * <li>the same card at the same charger within the debounce time: ignored (a card held a little
 *     long, a double read: two quick taps never start and stop, nor make two sessions);</li>
 * <li>the card that started the charger's running session: stop it (always allowed, even if the
 *     card was blocked meanwhile: stopping never charges anyone);</li>
 * <li>an unknown card: registered when an enrollment waits (never a Random ID), else refused;</li>
 * <li>blocked, expired (after its expiry date, local), resident without a running tenancy: refused;</li>
 * <li>another card's session on the charger: refused (busy); the card charging elsewhere: refused;</li>
 * <li>otherwise: start.</li>
 * </ol>
 */
public final class TapRules {

    private TapRules() {}

    /** The registered card as the rules need it. */
    public record Card(
            CardUid uid,
            String residentName,
            Optional<Instant> blockedAt,
            Optional<String> blockedReason,
            Optional<LocalDate> expiresOn,
            boolean tenancyRunning) {}

    /** A running session. */
    public record OpenSession(long id, String charger, CardUid uid) {}

    /**
     * @param card         the registered card, if any
     * @param onCharger    the session running on this charger, if any
     * @param ofCard       the session this card runs anywhere, if any
     * @param enrolling    name of the resident an enrollment waits for, if any
     * @param lastSameTap  when this card last had a decision at this charger (not ignored ones)
     * @param controlled   whether the charger can be switched (has a control profile)
     */
    public record Tap(
            CardUid uid,
            String charger,
            Instant at,
            ZoneId zone,
            Optional<Card> card,
            Optional<OpenSession> onCharger,
            Optional<OpenSession> ofCard,
            Optional<String> enrolling,
            Optional<Instant> lastSameTap,
            Duration debounce,
            boolean controlled) {}

    /** What to do, with the reason and the message for the caretaker's log and the reader's feedback. */
    public record Decision(Action action, Reason reason, String message) {
        public boolean accepted() {
            return action == Action.START || action == Action.STOP || action == Action.ENROLL;
        }
    }

    public enum Action {
        START,
        STOP,
        ENROLL,
        REFUSE,
        IGNORE
    }

    public static Decision decide(Tap t) {
        String card = "Card " + t.uid();
        if (t.lastSameTap().isPresent()
                && Duration.between(t.lastSameTap().get(), t.at()).compareTo(t.debounce()) < 0
                && !t.lastSameTap().get().isAfter(t.at())) {
            return new Decision(
                    Action.IGNORE,
                    Reason.REPEATED_TAP,
                    card + " tapped [" + t.charger() + "] again within "
                            + t.debounce().toSeconds() + " s: ignored");
        }
        if (t.onCharger().isPresent() && t.onCharger().get().uid().equals(t.uid())) {
            return new Decision(
                    Action.STOP,
                    Reason.STOP_BY_CARD,
                    card + " stops its session " + t.onCharger().get().id() + " on [" + t.charger() + "]");
        }
        if (t.card().isEmpty()) {
            if (t.uid().isRandomId()) {
                return new Decision(
                        Action.REFUSE,
                        Reason.RANDOM_ID,
                        card + " has a random ID (a 4-byte UID starting 08 changes"
                                + " at every tap): it cannot be "
                                + (t.enrolling().isPresent() ? "registered" : "used")
                                + ". Use a card with a fixed UID.");
            }
            if (t.enrolling().isPresent()) {
                return new Decision(
                        Action.ENROLL,
                        Reason.ENROLLED,
                        card + " registered to " + t.enrolling().get());
            }
            return new Decision(Action.REFUSE, Reason.UNKNOWN_CARD, card + " is not registered");
        }
        Card c = t.card().get();
        if (c.blockedAt().isPresent()) {
            return new Decision(
                    Action.REFUSE,
                    Reason.BLOCKED,
                    card + " is blocked since "
                            + LocalDate.ofInstant(c.blockedAt().get(), t.zone())
                            + c.blockedReason().map(r -> " (" + r + ")").orElse(""));
        }
        LocalDate today = LocalDate.ofInstant(t.at(), t.zone());
        if (c.expiresOn().isPresent() && today.isAfter(c.expiresOn().get())) {
            return new Decision(
                    Action.REFUSE,
                    Reason.EXPIRED,
                    card + " expired on " + c.expiresOn().get());
        }
        if (!c.tenancyRunning()) {
            return new Decision(
                    Action.REFUSE,
                    Reason.NO_TENANCY,
                    card + " belongs to " + c.residentName() + ", who has no running tenancy");
        }
        if (t.onCharger().isPresent()) {
            return new Decision(
                    Action.REFUSE, Reason.BUSY, card + ": charger [" + t.charger() + "] is in use by another card");
        }
        if (t.ofCard().isPresent()) {
            return new Decision(
                    Action.REFUSE,
                    Reason.CARD_IN_USE,
                    card + " is already charging at [" + t.ofCard().get().charger() + "]");
        }
        if (!t.controlled()) {
            return new Decision(
                    Action.REFUSE,
                    Reason.NOT_CONTROLLED,
                    card + ": charger [" + t.charger() + "] has no control profile, the server cannot switch it");
        }
        return new Decision(
                Action.START,
                Reason.START,
                card + " of " + c.residentName() + " starts a session on [" + t.charger() + "]");
    }
}
