package org.hausmeter.accounts;

/** A caretaker's change to residents or tenancies that cannot be made; the message says why, for the caretaker. */
public class AccountException extends RuntimeException implements org.hausmeter.platform.Coded {

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
    private final String field;

    public AccountException(Kind kind, String message) {
        this(kind, null, message);
    }

    /** @param field the input field the problem is about (as the JSON API names it), or null */
    public AccountException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The input field the problem is about, or null. */
    public String field() {
        return field;
    }

    private String code;
    private java.util.List<String> args = java.util.List.of();

    /** Names this refusal by code and the values of its text (see {@link org.hausmeter.platform.Coded}). */
    public AccountException coded(String code, Object... args) {
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
