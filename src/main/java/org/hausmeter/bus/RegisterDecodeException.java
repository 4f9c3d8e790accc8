package org.hausmeter.bus;

/** Thrown by {@link DecodeResult#require(Quantity)} when the quantity came back as a fault or not at all. */
public class RegisterDecodeException extends RuntimeException {

    private final RegisterFault fault;

    public RegisterDecodeException(String message, RegisterFault fault) {
        super(message);
        this.fault = fault;
    }

    /** The fault, or {@code null} if the quantity was not decoded at all. */
    public RegisterFault fault() {
        return fault;
    }
}
