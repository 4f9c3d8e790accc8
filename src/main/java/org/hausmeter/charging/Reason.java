package org.hausmeter.charging;

/** Why a decision came out as it did (the {@code charging_decision.reason} column). */
public enum Reason {
    /** Accepted: a session started on a free charger. */
    START,
    /** Accepted: the card that started the session stopped it. */
    STOP_BY_CARD,
    /** The same card tapped the same charger again within the debounce time. */
    REPEATED_TAP,
    /** No card with this UID is registered. */
    UNKNOWN_CARD,
    /** A 4-byte UID starting 08: a new random UID at every tap. */
    RANDOM_ID,
    /** The card is blocked. */
    BLOCKED,
    /** The card's expiry date has passed. */
    EXPIRED,
    /** The card's resident has no tenancy running. */
    NO_TENANCY,
    /** Another card's session runs on this charger. */
    BUSY,
    /** The card already has a session running on another charger. */
    CARD_IN_USE,
    /** The charger has no control profile: the server cannot switch it. */
    NOT_CONTROLLED,
    /** The charger did not answer or did not take the command. */
    CHARGER_FAILED,
    /** The charger meter could not be read. */
    METER_FAILED,
    /** The reader is not at any charger. */
    UNKNOWN_READER,
    /** An unknown card was registered during an enrollment. */
    ENROLLED,
    /** The car stopped drawing power for longer than the idle timeout after it had charged. */
    IDLE,
    /** The charger reported that the car was unplugged. */
    UNPLUGGED,
    /** The car never drew power within the never-charged timeout. */
    NEVER_CHARGED,
    /** The caretaker ended the session. */
    CARETAKER,
    /** At start the open session's charger was found switched off. */
    RECOVERY,
    /** At start a charger was found enabled without a session and was switched off. */
    ENABLED_WITHOUT_SESSION,
    /** At start an open session's charger was found still enabled: the session continues. */
    RESUMED,
    /** An OCPP charge point ended the transaction for a reason of its own (power loss, reset, emergency stop, ...). */
    CHARGE_POINT
}
