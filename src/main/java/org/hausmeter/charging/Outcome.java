package org.hausmeter.charging;

/** What a decision did (the {@code charging_decision.outcome} column). */
public enum Outcome {
    /** A session started. */
    STARTED,
    /** A session ended by its card. */
    STOPPED,
    /** A tap was refused; nothing changed. */
    REFUSED,
    /** An unknown card was registered to the resident being enrolled. */
    ENROLLED,
    /** A repeated tap was ignored. */
    IGNORED,
    /** A session ended without a tap (car idle, car left, caretaker, recovery). */
    ENDED,
    /** A session ended and was flagged for the caretaker instead of billed. */
    FLAGGED,
    /** The server switched a charger without a session (recovery, setup problems). */
    CONTROL
}
