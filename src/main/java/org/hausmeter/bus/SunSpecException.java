package org.hausmeter.bus;

/** A SunSpec device whose marker or model chain cannot be used. */
public class SunSpecException extends RuntimeException {

    public SunSpecException(String message) {
        super(message);
    }
}
