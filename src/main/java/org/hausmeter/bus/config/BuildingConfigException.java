package org.hausmeter.bus.config;

/**
 * A building file that cannot be used. The message starts with {@code file:line: }, e.g.
 * {@code modbus-bus-config/demo-building.yaml:42: meter [apt-7] unit id [12] is used twice on bus [rtu0] (first at line 38)}.
 */
public class BuildingConfigException extends RuntimeException {

    private final int line;

    public BuildingConfigException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }
}
