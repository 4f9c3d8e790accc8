package org.hausmeter.charging.control;

/**
 * A control profile or a charger's control settings that cannot be used. The message starts with
 * {@code file:line: }, e.g. {@code modbus-bus-config/chargers/modbus-relay.yaml:12: enable write [coil] ...}.
 */
public class ChargerProfileException extends RuntimeException {

    public ChargerProfileException(String message) {
        super(message);
    }
}
