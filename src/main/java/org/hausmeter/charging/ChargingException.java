package org.hausmeter.charging;

/** A charging or card request that cannot be carried out; the message says why, with values in brackets. */
public class ChargingException extends RuntimeException {

    /** How an API answers it. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT
    }

    private final Kind kind;

    public ChargingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
