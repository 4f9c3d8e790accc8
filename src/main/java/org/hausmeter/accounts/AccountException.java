package org.hausmeter.accounts;

/** A caretaker's change to residents or tenancies that cannot be made; the message says why, for the caretaker. */
public class AccountException extends RuntimeException {

    /** What went wrong, for mapping to HTTP. */
    public enum Kind {
        /** the resident or apartment does not exist */
        NOT_FOUND,
        /** a value is missing or malformed */
        INVALID,
        /** the change contradicts stored data (an overlapping tenancy, an issued bill) */
        CONFLICT
    }

    private final Kind kind;

    public AccountException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
