package org.hausmeter.billing;

/** A refused billing action, with a message for the caretaker; the API maps the kind to a status. */
public class BillingException extends RuntimeException {

    /** How an API answers it. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT
    }

    private final Kind kind;

    public BillingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return how to answer */
    public Kind kind() {
        return kind;
    }
}
