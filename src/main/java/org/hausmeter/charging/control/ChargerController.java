package org.hausmeter.charging.control;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.charging.control.ChargerProfile.Space;
import org.hausmeter.charging.control.ChargerProfile.Write;

/**
 * Switches one charger with its {@link ChargerProfile}: each operation runs as one task on the
 * charger's bus (the writes of one operation are never interleaved with other requests). Every
 * Modbus failure is thrown as it is; the caller decides (refuse the tap, retry at the next check).
 */
public final class ChargerController {

    /** What the charge point reports about the car. */
    public enum Vehicle {
        UNPLUGGED,
        PLUGGED,
        CHARGING,
        UNKNOWN
    }

    private final String chargerId;
    private final ChargerProfile profile;
    private final String busId;
    private final int unitId;
    private final Map<String, Long> parameters;
    private final BusAccess buses;

    /**
     * @param parameters the bound parameters ({@link ChargerProfileCatalog#bind})
     */
    public ChargerController(
            String chargerId,
            ChargerProfile profile,
            String busId,
            int unitId,
            Map<String, Long> parameters,
            BusAccess buses) {
        this.chargerId = chargerId;
        this.profile = profile;
        this.busId = busId;
        this.unitId = unitId;
        this.parameters = Map.copyOf(parameters);
        this.buses = buses;
    }

    public String chargerId() {
        return chargerId;
    }

    public ChargerProfile profile() {
        return profile;
    }

    public String busId() {
        return busId;
    }

    public int unitId() {
        return unitId;
    }

    /** The profile's setup writes (at server start). */
    public void setup() throws ModbusFailure {
        buses.call(busId, bus -> {
            for (Write w : profile.setup()) {
                write(bus, w);
            }
            return null;
        });
    }

    /** Lets the car charge; returns the read-back, which the caller must check. */
    public boolean enable() throws ModbusFailure {
        return buses.call(busId, bus -> {
            for (Write w : profile.enable()) {
                write(bus, w);
            }
            return readEnabled(bus);
        });
    }

    /** Stops charging; returns the read-back (true would mean the charger is still enabled). */
    public boolean disable() throws ModbusFailure {
        return buses.call(busId, bus -> {
            for (Write w : profile.disable()) {
                write(bus, w);
            }
            return readEnabled(bus);
        });
    }

    /** Whether the profile can set a charging current ({@link ChargerProfile#limit} writes). */
    public boolean limitable() {
        return !profile.limit().isEmpty();
    }

    /**
     * Sets the charging current: {@code amps} 0 runs the profile's {@code disable} writes (the car pauses);
     * otherwise the {@code limit} writes with {@code amps}, then the {@code enable} writes that do not write a
     * register the limit writes set (so a paused charger resumes at the new current, never first at the
     * profile's fixed one). Returns the enabled read-back, which the caller must check.
     *
     * @throws IllegalStateException when the profile has no limit writes
     */
    public boolean setLimit(int amps) throws ModbusFailure {
        if (!limitable()) {
            throw new IllegalStateException(this + " takes no current limit (profile has no limit writes)");
        }
        if (amps == 0) {
            return disable();
        }
        Map<String, Long> withLimit = new java.util.HashMap<>(parameters);
        withLimit.put(ChargerProfile.LIMIT_PARAMETER, (long) amps);
        java.util.Set<Integer> limitAddresses = new java.util.HashSet<>();
        for (Write w : profile.limit()) {
            limitAddresses.add((int) w.address().resolve(withLimit));
        }
        return buses.call(busId, bus -> {
            for (Write w : profile.limit()) {
                write(bus, w, withLimit);
            }
            for (Write w : profile.enable()) {
                if (w.space() == Space.COIL || !limitAddresses.contains(address(w.address()))) {
                    write(bus, w);
                }
            }
            return readEnabled(bus);
        });
    }

    /** Whether the charger is enabled, read from the device. */
    public boolean enabled() throws ModbusFailure {
        return buses.call(busId, this::readEnabled);
    }

    /** The car state, if the device reports it. */
    public Optional<Vehicle> vehicle() throws ModbusFailure {
        if (profile.vehicle().isEmpty()) {
            return Optional.empty();
        }
        ChargerProfile.VehicleRead v = profile.vehicle().get();
        int word = buses.call(
                busId,
                bus -> bus.readRegisters(
                                unitId,
                                v.space() == Space.INPUT ? FunctionCode.INPUT : FunctionCode.HOLDING,
                                address(v.address()),
                                1)[0]);
        int code = v.lowByte() ? word & 0xFF : word;
        if (v.unplugged().contains(code)) {
            return Optional.of(Vehicle.UNPLUGGED);
        }
        if (v.plugged().contains(code)) {
            return Optional.of(Vehicle.PLUGGED);
        }
        if (v.charging().contains(code)) {
            return Optional.of(Vehicle.CHARGING);
        }
        return Optional.of(Vehicle.UNKNOWN);
    }

    /** How often the device's watchdog must hear from the server, if it has one. */
    public Optional<Duration> keepAliveInterval() {
        return profile.keepAlive().map(v -> Duration.ofMillis(v.resolve(parameters)));
    }

    private boolean readEnabled(ModbusBus bus) throws ModbusFailure {
        ChargerProfile.StateRead s = profile.enabledState();
        int address = address(s.address());
        return switch (s.space()) {
            case COIL -> bus.readCoils(unitId, address, 1)[0];
            case HOLDING -> bus.readRegisters(unitId, FunctionCode.HOLDING, address, 1)[0] != 0;
            case INPUT -> bus.readRegisters(unitId, FunctionCode.INPUT, address, 1)[0] != 0;
        };
    }

    private void write(ModbusBus bus, Write w) throws ModbusFailure {
        write(bus, w, parameters);
    }

    private void write(ModbusBus bus, Write w, Map<String, Long> parameters) throws ModbusFailure {
        int address = (int) w.address().resolve(parameters);
        if (w.space() == Space.COIL) {
            bus.writeSingleCoil(unitId, address, w.coilOn());
            return;
        }
        int value = (int) w.value().resolve(parameters);
        if (w.function() == ChargerProfile.WriteFunction.FC16) {
            bus.writeMultipleRegisters(unitId, address, value);
        } else {
            bus.writeSingleRegister(unitId, address, value);
        }
    }

    private int address(ChargerProfile.Value v) {
        return (int) v.resolve(parameters);
    }

    @Override
    public String toString() {
        return "charger [" + chargerId + "] " + profile.id() + " at bus [" + busId + "] unit [" + unitId + "]";
    }
}
