package org.hausmeter.ledger;

/** A ledger request that cannot be carried out; the message says why, with the values in brackets. */
public class LedgerException extends RuntimeException {

    /** How an API answers it. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT
    }

    private final Kind kind;

    public LedgerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
