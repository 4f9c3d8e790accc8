package org.hausmeter.charging.ocpp;

/**
 * A CALLERROR the central system answers (or a charge point answered): one of the error codes of OCPP-J 1.6
 * section 4.2.3 (table 7) and a description. Thrown by handlers; the connection turns it into the frame.
 */
public final class OcppError extends Exception {

    /** The error codes of OCPP-J 1.6 (spelling as the specification, "Occurence" included). */
    public enum Code {
        NotImplemented,
        NotSupported,
        InternalError,
        ProtocolError,
        SecurityError,
        FormationViolation,
        PropertyConstraintViolation,
        OccurenceConstraintViolation,
        TypeConstraintViolation,
        GenericError
    }

    private final Code code;

    public OcppError(Code code, String description) {
        super(description);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
