package org.hausmeter.billing;

/** A refused billing action, with a message for the caretaker; the API maps the kind to a status. */
public class BillingException extends RuntimeException implements org.hausmeter.platform.Coded {

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

    private String code;
    private java.util.List<String> args = java.util.List.of();

    /** Names this refusal by code and the values of its text (see {@link org.hausmeter.platform.Coded}). */
    public BillingException coded(String code, Object... args) {
        this.code = code;
        this.args = java.util.Arrays.stream(args).map(String::valueOf).toList();
        return this;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public java.util.List<String> args() {
        return args;
    }
}
