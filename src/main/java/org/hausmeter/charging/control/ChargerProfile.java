package org.hausmeter.charging.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to switch one kind of charger over Modbus, loaded from {@code modbus-bus-config/chargers/<id>.yaml}
 * by {@link ChargerProfileCatalog} (schema in {@code modbus-bus-config/README.md}). Device knowledge
 * as data, like the meter register maps: adding a wallbox needs no Java.
 *
 * <p>A profile lists register writes (never reads with side effects): {@code setup} once when the
 * server starts, {@code enable} to let the car charge, {@code disable} to stop it. {@code enabledState}
 * reads back whether the charger is enabled (the server never assumes it), {@code vehicle} optionally
 * reads whether a car is connected, and {@code keepAlive} is how often a device with a communication
 * watchdog must hear from the server. Addresses are 0-based PDU addresses as sent on the wire.
 *
 * @param id           file name without {@code .yaml}
 * @param description  which devices the file covers
 * @param source       datasheet / reference the addresses come from
 * @param transport    which bus types the device speaks
 * @param parameters   per-installation numbers the building file may set (e.g. the relay channel)
 * @param setup        writes at start, in order
 * @param enable       writes that let the car charge, in order
 * @param disable      writes that stop charging, in order
 * @param enabledState the read-back of the enabled state
 * @param vehicle      the car-connected state, if the device reports one
 * @param keepAlive    interval of the watchdog read, if the device needs one
 * @param limit        writes that set the charging current while enabled, with the implicit parameter
 *                     {@value #LIMIT_PARAMETER} (whole amperes); empty: the device takes no current limit
 */
public record ChargerProfile(
        String id,
        String description,
        String source,
        Transport transport,
        Map<String, Parameter> parameters,
        List<Write> setup,
        List<Write> enable,
        List<Write> disable,
        StateRead enabledState,
        Optional<VehicleRead> vehicle,
        Optional<Value> keepAlive,
        List<Write> limit) {

    /** The parameter the {@code limit} writes take the current from, A. */
    public static final String LIMIT_PARAMETER = "limitA";

    /** A profile without current limit writes. */
    public ChargerProfile(
            String id,
            String description,
            String source,
            Transport transport,
            Map<String, Parameter> parameters,
            List<Write> setup,
            List<Write> enable,
            List<Write> disable,
            StateRead enabledState,
            Optional<VehicleRead> vehicle,
            Optional<Value> keepAlive) {
        this(
                id,
                description,
                source,
                transport,
                parameters,
                setup,
                enable,
                disable,
                enabledState,
                vehicle,
                keepAlive,
                List.of());
    }

    public ChargerProfile {
        parameters = Map.copyOf(parameters);
        setup = List.copyOf(setup);
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        limit = List.copyOf(limit);
    }

    /** Bus types a device speaks. RTU devices work on {@code rtu} and {@code rtu-over-tcp} buses. */
    public enum Transport {
        ANY,
        TCP,
        RTU
    }

    /** Register spaces a profile writes or reads. */
    public enum Space {
        /** FC01 read / FC05 write. */
        COIL,
        /** FC03 read / FC06 or FC16 write. */
        HOLDING,
        /** FC04 read only. */
        INPUT
    }

    /** How a holding register is written: FC06 (single) or FC16 (multiple, one word). */
    public enum WriteFunction {
        FC06,
        FC16
    }

    /**
     * A per-installation number.
     *
     * @param defaultValue used when the building file does not set it; null = the file must set it
     */
    public record Parameter(String name, Long defaultValue, long min, long max, String comment) {}

    /**
     * A number in a profile: a literal, or a parameter times {@code multiplier} divided by {@code divisor}
     * (integer division), written {@code 16}, {@code ${currentA}}, {@code ${currentA}*10}, {@code ${watchdogMs}/2}.
     */
    public record Value(Long literal, String parameter, long multiplier, long divisor) {

        public static Value of(long literal) {
            return new Value(literal, null, 1, 1);
        }

        /** The value with the installation's parameters. */
        public long resolve(Map<String, Long> parameters) {
            if (literal != null) {
                return literal;
            }
            Long p = parameters.get(parameter);
            if (p == null) {
                throw new IllegalArgumentException("parameter [" + parameter + "] has no value");
            }
            return p * multiplier / divisor;
        }

        @Override
        public String toString() {
            if (literal != null) {
                return literal.toString();
            }
            return "${" + parameter + "}" + (multiplier != 1 ? "*" + multiplier : "")
                    + (divisor != 1 ? "/" + divisor : "");
        }
    }

    /**
     * One write: a coil switched on/off, or a holding register set to a value.
     *
     * @param coilOn   for {@link Space#COIL}: the state written; ignored otherwise
     * @param value    for {@link Space#HOLDING}: the word written (0..65535 once resolved)
     * @param function for {@link Space#HOLDING}: FC06 or FC16
     */
    public record Write(
            Space space, Value address, boolean coilOn, Value value, WriteFunction function, String comment) {}

    /**
     * The enabled read-back: a coil that is on, or a register that is not 0.
     */
    public record StateRead(Space space, Value address, String comment) {}

    /**
     * The vehicle state register: its raw word (or its low byte, for an ASCII status letter) is one of
     * the listed codes. A code in none of the sets is reported as unknown, never guessed.
     */
    public record VehicleRead(
            Space space,
            Value address,
            boolean lowByte,
            Set<Integer> unplugged,
            Set<Integer> plugged,
            Set<Integer> charging,
            String comment) {}
}
